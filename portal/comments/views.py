"""Posting a comment: the form sits in the cached page (no CSRF token there, which would make
every page private); it posts here, a private endpoint, and the answer is rendered per request.

The endpoint is exempt from CSRF: the shared submission helper's signed form token, honeypot and
rate limits stand in for it, and a forged post could only add a comment that is screened and
moderated like any other."""

from __future__ import annotations

import logging

from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from portal.core.http_cache import private_response
from portal.core.submissions import accept

from . import screening, services
from .forms import CommentForm
from .models import Comment

logger = logging.getLogger(__name__)

REFUSED = _("您的评论含有不宜公开发布的词语，未能提交。请修改后重新提交。")


@csrf_exempt
@private_response
@require_http_methods(["GET", "POST"])
def comment(request: HttpRequest, page_id: int) -> HttpResponse:
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None or not services.comments_enabled(page.specific_deferred):
        raise Http404
    page = page.specific
    context = {"target": page}
    status = 200
    if request.method == "POST":
        refused = _cross_site_refusal(request)
        if refused is not None:
            return refused
        form = CommentForm(request.POST)
        if form.is_valid():
            verdict = screening.screen(form.cleaned_data["body"])
            if verdict.action == screening.REFUSE:
                form.add_error("body", REFUSED)
                status = 400
            else:
                accepted = _accept(request, form, page, verdict)
                if accepted is not None:
                    context.update(comment=accepted.obj, tracking_number=accepted.tracking_number)
                    return TemplateResponse(request, "comments/submitted.html", context)
        if getattr(form, "rate_limited", False):
            status = 429
        elif status == 200 and form.errors:
            status = 400
    else:
        form = CommentForm()
    context["form"] = form
    return TemplateResponse(request, "comments/form_page.html", context, status=status)


def _cross_site_refusal(request: HttpRequest) -> HttpResponse | None:
    """An anonymous comment needs no CSRF token (the form sits in the cached public page; the
    signed form token, honeypot and rate limit guard it), but a signed-in reader's comment is
    filed under their account, so a post another site forged must not be: for them Django's own
    CSRF check applies (their pages are never cached, so their form carries the token)."""
    if not request.user.is_authenticated:
        return None
    return CsrfViewMiddleware(lambda _request: None).process_view(request, None, (), {})


def _accept(request, form, page, verdict):
    def save():
        obj = Comment(
            page=page,
            organisation=services.organisation_for(page),
            body=form.cleaned_data["body"],
            phone=form.cleaned_data.get("phone", ""),
            status=Comment.Status.PENDING if verdict.action == screening.HOLD else Comment.Status.PUBLISHED,
            held_for=verdict.term,
            tracking_number=f"tmp-{page.pk}-{id(form)}",
        )
        obj.needs_moderation = verdict.action == screening.HOLD
        obj.save()
        return obj

    try:
        accepted = accept(request, form, save, scope="comments.comment")
    except DatabaseError:
        logger.exception("A comment could not be stored")
        form.add_error(None, _("系统繁忙，评论未能保存。您填写的内容已保留，请稍后再次提交。"))
        return None
    if accepted is not None:
        obj = accepted.obj
        if obj.needs_moderation and obj.status == Comment.Status.PUBLISHED:
            # no proof of work (no JavaScript, or a bot): a person looks first
            Comment.objects.filter(pk=obj.pk).update(
                status=Comment.Status.PENDING, held_for=_("未通过自动校验")
            )
            obj.status = Comment.Status.PENDING
            services.counts_changed()
        if obj.status == Comment.Status.PUBLISHED:
            services.page_changed(page)
    return accepted
