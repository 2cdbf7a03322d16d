"""Admin wiring of surveys, consultations and interviews (imported by the app's wagtail_hooks):
the editors (the questionnaire builder is an inline list of questions), the moderation queue
shared by comments and questions, a survey's responses, and the live transcript desk."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.core.admin_access import forbidden
from portal.core.states import TransitionRefused

from .. import access
from . import services
from .admin_forms import InterviewAdminForm, PeriodForm, SurveyAdminForm
from .models import (
    Consultation,
    ConsultationComment,
    Interview,
    InterviewQuestion,
    Moderation,
    Survey,
    SurveyResponse,
    TranscriptEntry,
)
from .states import CommentModeration, QuestionModeration, machine_for

_PERIOD = [
    FieldPanel("title"),
    FieldPanel("slug"),
    FieldPanel("organisation"),
    FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_lazy("时间")),
    FieldPanel("live"),
]


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "list-ul"
    menu_label = _lazy("征集调查")
    list_display = ["title", "organisation", "opens_at", "closes_at", "live"]
    list_filter = ["live"]
    edit_handler = ObjectList(
        [
            *_PERIOD,
            FieldPanel("intro"),
            FieldPanel("uniqueness"),
            InlinePanel(
                "questions",
                heading=_lazy("题目"),
                label=_lazy("题目"),
                panels=[
                    FieldRowPanel([FieldPanel("key"), FieldPanel("kind"), FieldPanel("required")]),
                    FieldPanel("text"),
                    FieldPanel("help_text"),
                    FieldPanel("options"),
                    FieldRowPanel(
                        [
                            FieldPanel("scale_min"),
                            FieldPanel("scale_max"),
                            FieldPanel("scale_min_label"),
                            FieldPanel("scale_max_label"),
                        ],
                        heading=_lazy("量表"),
                    ),
                    FieldRowPanel(
                        [FieldPanel("show_if_key"), FieldPanel("show_if_value")], heading=_lazy("显示条件")
                    ),
                ],
            ),
            MultiFieldPanel(
                [FieldPanel("publish_results"), FieldPanel("feedback")], heading=_lazy("结果公布")
            ),
        ],
        base_form_class=SurveyAdminForm,
    )


class ConsultationViewSet(SnippetViewSet):
    model = Consultation
    icon = "doc-full"
    menu_label = _lazy("意见征集")
    list_display = ["title", "organisation", "opens_at", "closes_at", "live"]
    list_filter = ["live"]
    edit_handler = ObjectList(
        [
            *_PERIOD,
            FieldPanel("summary"),
            FieldPanel("draft_document"),
            FieldPanel("draft_text"),
            InlinePanel(
                "articles",
                heading=_lazy("条文及采纳情况"),
                label=_lazy("条文"),
                panels=[
                    FieldPanel("number"),
                    FieldPanel("text"),
                    FieldPanel("adoption"),
                    FieldPanel("adoption_reason"),
                ],
            ),
            FieldPanel("feedback"),
        ],
        base_form_class=PeriodForm,
    )


class InterviewViewSet(SnippetViewSet):
    model = Interview
    icon = "media"
    menu_label = _lazy("在线访谈")
    list_display = ["title", "organisation", "starts_at", "live"]
    list_filter = ["live"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("slug"),
            FieldPanel("organisation"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_lazy("时间")),
            FieldPanel("summary"),
            FieldPanel("live"),
            FieldPanel("questions_open"),
            InlinePanel(
                "guests",
                heading=_lazy("嘉宾"),
                label=_lazy("嘉宾"),
                panels=[FieldPanel("leader"), FieldPanel("name"), FieldPanel("title")],
            ),
            MultiFieldPanel([FieldPanel("video"), FieldPanel("captions")], heading=_lazy("视频")),
            InlinePanel(
                "images",
                heading=_lazy("访谈图片"),
                label=_lazy("图片"),
                panels=[FieldPanel("image"), FieldPanel("caption")],
            ),
        ],
        base_form_class=InterviewAdminForm,
    )


class ParticipationGroup(SnippetViewSetGroup):
    items = (SurveyViewSet, ConsultationViewSet, InterviewViewSet)
    menu_icon = "group"
    menu_label = _lazy("征集与访谈")
    menu_name = "participation"
    menu_order = 232


register_snippet(ParticipationGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def _split_draft(request, instance):
    if isinstance(instance, Consultation):
        created = services.articles_from_text(instance)
        if created:
            messages.success(request, _("已按“第X条”拆分出 %(n)s 条条文。") % {"n": created})


# -- moderation ------------------------------------------------------------------------------------

_KINDS = {"comment": ConsultationComment, "question": InterviewQuestion}


def _moderation_queryset(user, model):
    qs = model.objects.all()
    qs = (
        qs.select_related("consultation", "article")
        if model is ConsultationComment
        else qs.select_related("interview")
    )
    if access.is_supervisor(user):
        return qs
    profile = access.staff_profile(user)
    if profile is None:
        return qs.none()
    parent = "consultation" if model is ConsultationComment else "interview"
    return qs.filter(**{f"{parent}__organisation_id": profile.organisation_id})


def moderation(request: HttpRequest) -> HttpResponse:
    if not access.may_use_queue(request.user):
        return forbidden(request)
    state = request.GET.get("state", Moderation.PENDING)
    if state not in Moderation.values:
        state = Moderation.PENDING
    kind = request.GET.get("kind", "comment")
    model = _KINDS.get(kind, ConsultationComment)
    items = _moderation_queryset(request.user, model).filter(state=state).order_by("submitted_at", "pk")
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "interaction/participation/admin/moderation.html",
        {
            "page_obj": page,
            "kind": kind if kind in _KINDS else "comment",
            "state": state,
            "states": Moderation.choices,
            "page_title": _("意见与提问审核"),
            "header_title": _("意见与提问审核"),
            "header_icon": "comment",
        },
    )


@require_POST
def moderate(request: HttpRequest, kind: str, pk: int, verb: str) -> HttpResponse:
    model = _KINDS.get(kind)
    obj = _moderation_queryset(request.user, model).filter(pk=pk).first() if model else None
    if obj is None:
        return forbidden(request)
    machine = machine_for(obj)
    try:
        machine.perform(obj, verb, request.user, reason=request.POST.get("reason", ""))
    except TransitionRefused as refused:
        messages.error(request, refused.reason)
    except KeyError:
        messages.error(request, _("未知的操作。"))
    else:
        messages.success(request, _("已%(verb)s。") % {"verb": machine.transition(verb).label})
    return redirect(
        f"{reverse('interaction_admin_moderation')}?kind={kind}&state={request.POST.get('back', 'pending')}"
    )


# -- a survey's responses --------------------------------------------------------------------------


def responses(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    if not (access.is_supervisor(request.user) or _same_org(request.user, survey)):
        return forbidden(request)
    qs = SurveyResponse.objects.filter(survey=survey).prefetch_related("answers__question")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    total, results = services.survey_results(survey)
    return render(
        request,
        "interaction/participation/admin/responses.html",
        {
            "survey": survey,
            "page_obj": page,
            "total": total,
            "results": results,
            "page_title": survey.title,
            "header_title": _("答卷与结果：%(title)s") % {"title": survey.title},
            "header_icon": "list-ul",
        },
    )


def _same_org(user, obj) -> bool:
    profile = access.staff_profile(user)
    return bool(profile and obj.organisation_id and profile.organisation_id == obj.organisation_id)


# -- the live transcript desk ----------------------------------------------------------------------


def transcript_desk(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_object_or_404(Interview, pk=pk)
    if not (access.is_supervisor(request.user) or _same_org(request.user, interview)):
        return forbidden(request)
    error = ""
    if request.method == "POST":
        speaker = request.POST.get("speaker", "").strip()[:60]
        text = request.POST.get("text", "").strip()
        role = request.POST.get("role", TranscriptEntry.Role.GUEST)
        if not speaker or not text or role not in TranscriptEntry.Role.values:
            error = _("请填写发言人和发言内容。")
        else:
            TranscriptEntry.objects.create(interview=interview, speaker=speaker, text=text, role=role)
            return redirect("interaction_admin_transcript", pk=interview.pk)
    return render(
        request,
        "interaction/participation/admin/transcript.html",
        {
            "interview": interview,
            "entries": interview.transcript.all(),
            "roles": TranscriptEntry.Role.choices,
            "speakers": [g.display_name for g in interview.guests.select_related("leader")],
            "questions": services.published_questions(interview),
            "error": error,
            "page_title": interview.title,
            "header_title": _("文字直播：%(title)s") % {"title": interview.title},
            "header_icon": "media",
        },
    )


@hooks.register("register_admin_urls")
def participation_admin_urls():
    return [
        path("hudong/shenhe/", moderation, name="interaction_admin_moderation"),
        path("hudong/shenhe/<slug:kind>/<int:pk>/<slug:verb>/", moderate, name="interaction_admin_moderate"),
        path("hudong/diaocha/<int:pk>/", responses, name="interaction_admin_responses"),
        path("hudong/fangtan/<int:pk>/", transcript_desk, name="interaction_admin_transcript"),
    ]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use_queue(request.user)


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return ModerationMenuItem(
        _lazy("意见与提问审核"), reverse("interaction_admin_moderation"), icon_name="comment", order=233
    )


@hooks.register("register_snippet_listing_buttons")
def participation_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Survey):
        yield Button(
            _lazy("答卷与结果"), reverse("interaction_admin_responses", args=[snippet.pk]), priority=15
        )
    if isinstance(snippet, Interview):
        yield Button(
            _lazy("文字直播"), reverse("interaction_admin_transcript", args=[snippet.pk]), priority=15
        )


__all__ = ["CommentModeration", "QuestionModeration"]
