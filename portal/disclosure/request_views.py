"""The public side of on-request disclosure, served by the disclosure platform page:
``ysqgk/`` (the application form) and ``ysqgk/chaxun/`` (tracking by 受理编号 + 查询码, and the
reply letter's download). Every response carries a CSRF token or personal data: private,
no-store."""

from __future__ import annotations

import logging

from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from portal.core.exports import download
from portal.core.submissions import accept, find

from . import request_letters
from .request_forms import RequestForm, TrackingForm, receiving_organisations
from .request_states import RequestMachine, open_reply_clock, reply_deadline
from .requests import DisclosureRequest

logger = logging.getLogger(__name__)
SCOPE = "disclosure.request"


def private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True)
    return response


def _placeholder() -> str:
    import secrets

    return f"TMP{secrets.token_hex(12)}"


def _save(form: RequestForm) -> DisclosureRequest:
    case = form.build()
    case.tracking_number = _placeholder()
    case.save()
    open_reply_clock(case)
    return case


def apply(page, request) -> HttpResponse:
    """依申请公开 form: the request is committed before its number and code are shown."""
    context = page_context(page, _("依申请公开"))
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            try:
                accepted = accept(request, form, lambda: _save(form), scope=SCOPE)
            except DatabaseError:
                logger.exception("A disclosure request could not be stored")
                accepted = None
                form.add_error(None, _("系统繁忙，申请未能保存。您填写的内容已保留，请稍后再次提交。"))
            if accepted is not None:
                context.update(
                    case=accepted.obj,
                    tracking_number=accepted.tracking_number,
                    query_code=accepted.query_code,
                )
                return private(
                    page.render(
                        request, template="disclosure/requests/submitted.html", context_overrides=context
                    )
                )
    else:
        initial = {}
        slug = request.GET.get("org", "")
        chosen = receiving_organisations().filter(slug=slug).first() if slug else None
        if chosen is not None:
            initial["organisation"] = chosen.pk
        form = RequestForm(initial=initial)
    context["form"] = form
    response = page.render(request, template="disclosure/requests/apply.html", context_overrides=context)
    if getattr(form, "rate_limited", False):
        response.status_code = 429
    return private(response)


def track(page, request) -> HttpResponse:
    """查询: a wrong code and an unknown number give the same page; ``download`` gets the 告知书."""
    context = page_context(page, _("申请查询"))
    form = TrackingForm(request.POST or None)
    case = None
    if request.method == "POST" and form.is_valid():
        case = find(DisclosureRequest, form.cleaned_data["tracking_number"], form.cleaned_data["query_code"])
        if case is None:
            form.add_error(None, _("未查到与该受理编号和查询码对应的申请，请核对后重试。"))
        elif request.POST.get("download") in ("docx", "pdf") and case.outcome:
            fmt = request.POST["download"]
            return private(
                download(request_letters.reply_letter(case, fmt), request_letters.filename(case), fmt)
            )
    context.update(form=form, case=case)
    if case is not None:
        context["state_label"] = RequestMachine.state_label(case.state)
        context["deadline"] = reply_deadline(case)
    return private(page.render(request, template="disclosure/requests/track.html", context_overrides=context))


def page_context(page, crumb: str) -> dict:
    base = page.url + "ysqgk/"
    return {
        "extra_crumbs": [(_("依申请公开"), base)] if crumb != _("依申请公开") else [],
        "extra_crumb": crumb,
        "apply_url": base,
        "track_url": base + "chaxun/",
    }
