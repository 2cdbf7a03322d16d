"""The public side of the interaction hub (/hudong/): writing, tracking, published replies.

Forms and tracking results carry CSRF tokens or personal data: ``private, no-store``. The list
and pages of published replies and the statistics are the same for everyone: cacheable for a
minute, and purged whenever a letter is saved (``signals.py``).
"""

from __future__ import annotations

import logging

from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.core.states import TransitionRefused
from portal.core.submissions import accept, find

from . import attachments, services
from . import statistics as stats
from .forms import LetterForm, RatingForm, TrackingForm
from .models import Channel, Letter, LetterAttachment
from .participation import charts
from .states import LetterMachine

logger = logging.getLogger(__name__)


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True)
    return response


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=60)
    return response


def index(request: HttpRequest) -> HttpResponse:
    channels = Channel.objects.filter(enabled=True)
    return _public(TemplateResponse(request, "interaction/index.html", {"channels": channels}))


@require_http_methods(["GET", "POST"])
def write(request: HttpRequest, channel: str) -> HttpResponse:
    """写信: the letter is committed before its tracking number and query code are shown; its
    attachments are written first and removed again if the letter is not stored."""
    channel_obj = get_object_or_404(Channel, key=channel, enabled=True)
    context = {"channel": channel_obj}
    if request.method == "POST":
        form = LetterForm(request.POST, request.FILES, channel=channel_obj)
        if form.is_valid():
            files = attachments.store(form.cleaned_data.get("attachments") or [])
            accepted = None
            try:
                accepted = accept(request, form, lambda: _save(form, files), scope="interaction.letter")
            except DatabaseError:
                logger.exception("A letter could not be stored")
                form.add_error(None, _("系统繁忙，来信未能保存。您填写的内容已保留，请稍后再次提交。"))
            finally:
                if accepted is None:
                    attachments.discard(files)
            if accepted is not None:
                context.update(letter=accepted.obj, tracking_number=accepted.tracking_number)
                context["query_code"] = accepted.query_code
                return _private(TemplateResponse(request, "interaction/submitted.html", context))
    else:
        form = LetterForm(channel=channel_obj)
    context["form"] = form
    status = 429 if getattr(form, "rate_limited", False) else 200
    return _private(TemplateResponse(request, "interaction/write.html", context, status=status))


def _save(form: LetterForm, files: list[attachments.Prepared]) -> Letter:
    letter = form.build()
    letter.tracking_number = services.placeholder_number()
    letter.save()
    attachments.attach(letter, files)
    return letter


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """查询: by tracking number and query code; a wrong code and an unknown number look alike."""
    letter, rating, message = None, None, ""
    form = TrackingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        letter = find(Letter, form.cleaned_data["tracking_number"], form.cleaned_data["query_code"])
        if letter is None:
            form.add_error(None, _("未查到与该受理编号和查询码对应的来信，请核对后重试。"))
        else:
            attachments.remember_writer(request, letter)
        if letter is not None and letter.state == "sent":
            rating = RatingForm(request.POST if "satisfaction" in request.POST else None)
            if rating.is_bound and rating.is_valid():
                message = _rate(letter, rating)
                if message:
                    rating = None
    context = {"form": form, "letter": letter, "rating": rating, "message": message}
    if letter is not None:
        context["state_label"] = LetterMachine.state_label(letter.state)
        context["attachments"] = list(letter.attachments.all())
    return _private(TemplateResponse(request, "interaction/track.html", context))


def attachment(request: HttpRequest, key) -> HttpResponse:
    """A letter's file for its writer: only in the session in which the letter was tracked with
    its number and query code; anyone else gets 404, as for a file that does not exist."""
    item = LetterAttachment.objects.filter(key=key).first()
    if item is None or not attachments.writer_may_download(request, item):
        raise Http404
    return attachments.response(request, item)


def _rate(letter: Letter, rating: RatingForm) -> str:
    satisfaction, comment = rating.cleaned_data["satisfaction"], rating.cleaned_data["comment"]
    try:
        if satisfaction == Letter.Satisfaction.DISSATISFIED:
            LetterMachine.perform(letter, "reopen", None, reason=comment)
            return _("感谢反馈，我们将重新办理您的来信。")
        LetterMachine.perform(letter, "rate", None, reason=comment, satisfaction=satisfaction)
    except TransitionRefused as refused:
        return refused.reason
    return _("感谢您的评价。")


def replies(request: HttpRequest) -> HttpResponse:
    """回复选登: published replies with 受理日期, 答复日期, 答复部门, 答复内容."""
    qs = services.published_replies()
    channel = request.GET.get("channel", "")
    if channel:
        qs = qs.filter(channel__key=channel)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    context = {"page_obj": page, "channels": Channel.objects.filter(enabled=True), "current": channel}
    return _public(TemplateResponse(request, "interaction/replies.html", context))


def reply_detail(request: HttpRequest, number: str) -> HttpResponse:
    letter = services.published_replies().filter(tracking_number=number[:32]).first()
    if letter is None:
        raise Http404
    return _public(TemplateResponse(request, "interaction/reply_detail.html", {"letter": letter}))


def _chart_rows(figures, value, percent: bool = False) -> list[tuple[str, float, float]]:
    """(label, value, bar share) rows; a rate's bar is its percentage, a count's its share of the
    largest."""
    values = [(f.label, value(f)) for f in figures]
    top = 100 if percent else (max((v for _label, v in values if v is not None), default=0) or 1)
    return [(label, v, round(100 * v / top, 1)) for label, v in values if v is not None]


def statistics(request: HttpRequest) -> HttpResponse:
    """统计公开: received, accepted, answered, on time, speed and satisfaction by organisation and
    month, as tables and as SVG charts with their data tables."""
    return _public(TemplateResponse(request, "interaction/statistics.html", statistics_context()))


def statistics_context() -> dict:
    result = stats.compute()
    months = result.by_month
    charts_shown = []
    for title, value, percent, unit in (
        (_("每月收到来信（件）"), lambda f: f.received, False, ""),
        (_("每月按期答复率（%）"), lambda f: f.on_time_rate, True, "%"),
        (_("每月满意率（%）"), lambda f: f.satisfaction_rate, True, "%"),
    ):
        rows = _chart_rows(months, value, percent)
        svg = charts.bar_chart(rows, title, value_text=lambda count, share, unit=unit: f"{count}{unit}")
        charts_shown.append({"title": title, "svg": svg, "rows": rows, "unit": unit})
    return {"stats": result, "charts": charts_shown, "confidence": 95}
