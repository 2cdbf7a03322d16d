"""Public pages of surveys (/hudong/zhengji/), consultations (/hudong/yijian/) and interviews
(/hudong/fangtan/).

Lists, results, drafts with their published comments and interview pages are the same for every
reader: public, kept by shared caches for a minute and purged when they change. Forms carry a
CSRF token (and a survey may set the device cookie): private. The live transcript is a small
public JSON document cached for a few seconds.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, IntegrityError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.core.http_cache import private_response, public_response
from portal.core.submissions import accept

from .. import services as letter_services
from . import charts, services
from .forms import CommentForm, QuestionForm, SurveyForm
from .models import Phase, SurveyResponse

logger = logging.getLogger(__name__)
PAGE_MAX_AGE = 60
TRANSCRIPT_MAX_AGE = 5
BUSY = _("系统繁忙，未能保存。您填写的内容已保留，请稍后再次提交。")


def _render(request, template, context, status=200):
    return TemplateResponse(request, f"interaction/participation/{template}", context, status=status)


# -- 征集调查 ---------------------------------------------------------------------------------------


@public_response(s_maxage=PAGE_MAX_AGE)
@require_GET
def surveys(request: HttpRequest) -> HttpResponse:
    items = list(services.public_surveys())
    groups = {phase: [s for s in items if s.phase() == phase] for phase in Phase.values}
    return _render(request, "surveys.html", {"groups": groups})


@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(services.public_surveys(), slug=slug)
    phase = obj.phase()
    if phase != Phase.OPEN:
        return _survey_closed(request, obj, phase)
    return _survey_form(request, obj)


@public_response(s_maxage=PAGE_MAX_AGE)
def _survey_closed(request, obj, phase):
    context = {"survey": obj, "phase": phase, "refused": request.method == "POST"}
    if obj.results_public():
        total, results = services.survey_results(obj)
        for result in results:
            result.chart = charts.bar_chart(result.rows, result.question.text) if result.rows else ""
        context.update(total=total, results=results)
    return _render(request, "survey_results.html", context)


@private_response
def _survey_form(request, obj):
    device = services.device_id(request)
    new_device = None
    if obj.uniqueness == obj.Uniqueness.DEVICE and device is None:
        device = new_device = services.new_device_id()
    key = services.once_key(obj, request, device)
    context = {"survey": obj, "login_url": f"{settings.LOGIN_URL}?next={request.path}"}
    needs_login = obj.uniqueness == obj.Uniqueness.ACCOUNT and not request.user.is_authenticated
    if needs_login or services.already_answered(obj, key):
        context["needs_login"] = needs_login
        context["answered"] = not needs_login
        return _render(request, "survey_form.html", context)
    form = SurveyForm(request.POST if request.method == "POST" else None, survey=obj)
    if request.method == "POST" and form.is_valid():
        try:
            accepted = accept(request, form, lambda: _save_response(form, key), scope="interaction.survey")
        except IntegrityError:  # the same device or account, twice at once
            context["answered"] = True
            return _render(request, "survey_form.html", context)
        except DatabaseError:
            logger.exception("A survey response could not be stored")
            accepted = None
            form.add_error(None, BUSY)
        if accepted is not None:
            context["tracking_number"] = accepted.tracking_number
            response = _render(request, "survey_thanks.html", context)
            if new_device:
                services.set_device_cookie(response, new_device)
            return response
    context["form"] = form
    status = 429 if getattr(form, "rate_limited", False) else 200
    return _render(request, "survey_form.html", context, status=status)


def _save_response(form: SurveyForm, key: str) -> SurveyResponse:
    response = SurveyResponse(
        survey=form.survey, once_key=key, tracking_number=letter_services.placeholder_number()
    )
    response.save()
    response.answers.bulk_create(form.answers(response))
    return response


# -- 意见征集 ---------------------------------------------------------------------------------------


@public_response(s_maxage=PAGE_MAX_AGE)
@require_GET
def consultations(request: HttpRequest) -> HttpResponse:
    items = list(services.public_consultations())
    groups = {phase: [c for c in items if c.phase() == phase] for phase in Phase.values}
    return _render(request, "consultations.html", {"groups": groups})


@public_response(s_maxage=PAGE_MAX_AGE)
@require_GET
def consultation(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(services.public_consultations(), slug=slug)
    articles = list(services.articles_with_comments(obj))
    general = list(services.published_comments(obj).filter(article__isnull=True))
    context = {
        "consultation": obj,
        "phase": obj.phase(),
        "articles": articles,
        "general": general,
        "report": obj.report_public(),
        "comment_count": services.published_comments(obj).count(),
    }
    return _render(request, "consultation.html", context)


@private_response
@require_http_methods(["GET", "POST"])
def comment(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(services.public_consultations(), slug=slug)
    context = {"consultation": obj, "phase": obj.phase()}
    if obj.phase() != Phase.OPEN:
        return _render(request, "comment_form.html", context)
    initial = {}
    if (request.GET.get("tiao") or "").isdigit():
        initial["article"] = obj.articles.filter(pk=int(request.GET["tiao"])).first()
    form = CommentForm(request.POST or None, consultation=obj, initial=initial)
    if request.method == "POST" and form.is_valid():
        accepted = _accept(request, form, "interaction.comment")
        if accepted is not None:
            context.update(tracking_number=accepted.tracking_number, submitted=True)
            return _render(request, "comment_form.html", context)
    context["form"] = form
    return _render(request, "comment_form.html", context, status=_status(form))


def _accept(request, form, scope):
    def save():
        obj = form.build()
        obj.tracking_number = letter_services.placeholder_number()
        obj.save()
        return obj

    try:
        return accept(request, form, save, scope=scope)
    except DatabaseError:
        logger.exception("A moderated submission could not be stored")
        form.add_error(None, BUSY)
        return None


def _status(form) -> int:
    return 429 if getattr(form, "rate_limited", False) else 200


# -- 在线访谈 ---------------------------------------------------------------------------------------


@public_response(s_maxage=PAGE_MAX_AGE)
@require_GET
def interviews(request: HttpRequest) -> HttpResponse:
    items = list(services.public_interviews().prefetch_related("guests__leader"))
    groups = {phase: [i for i in items if i.phase() == phase] for phase in ("live", "upcoming", "archived")}
    groups["upcoming"].reverse()  # the next one first
    return _render(request, "interviews.html", {"groups": groups})


@public_response(s_maxage=PAGE_MAX_AGE)
@require_GET
def interview(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(services.public_interviews().select_related("video", "captions"), slug=slug)
    context = {
        "interview": obj,
        "phase": obj.phase(),
        "guests": list(obj.guests.select_related("leader", "leader__photo")),
        "questions": list(services.published_questions(obj)),
        "entries": list(obj.transcript.all()),
        "images": list(obj.images.select_related("image")),
    }
    context["last_id"] = context["entries"][-1].pk if context["entries"] else 0
    return _render(request, "interview.html", context)


@private_response
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(services.public_interviews(), slug=slug)
    context = {"interview": obj, "accepting": obj.accepts_questions()}
    if not context["accepting"]:
        return _render(request, "question_form.html", context)
    form = QuestionForm(request.POST or None, interview=obj)
    if request.method == "POST" and form.is_valid():
        accepted = _accept(request, form, "interaction.question")
        if accepted is not None:
            context.update(tracking_number=accepted.tracking_number, submitted=True)
            return _render(request, "question_form.html", context)
    context["form"] = form
    return _render(request, "question_form.html", context, status=_status(form))


@public_response(s_maxage=TRANSCRIPT_MAX_AGE)
@require_GET
def transcript(request: HttpRequest, slug: str) -> HttpResponse:
    """文字实录 as JSON: ``?after=<id>`` gives only the newer entries (polled during the event)."""
    after = request.GET.get("after", "0")
    if not after.isdigit() or len(after) > 12:
        return JsonResponse({"error": _("参数 after 须为非负整数。")}, status=400)
    obj = get_object_or_404(services.public_interviews(), slug=slug)
    entries = [e.as_json() for e in obj.transcript.filter(pk__gt=int(after))[:500]]
    return JsonResponse(
        {"phase": obj.phase(), "entries": entries},
        json_dumps_params={"ensure_ascii": False},
    )
