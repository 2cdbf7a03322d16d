"""The public side of 服务找人 (/fuwuzhaoren/): the yearly aggregate, the same for everyone
(cacheable for a minute, purged when outreach changes), and the personal link — why the person
qualifies, claim or decline — which shows no personal values (only which conditions are met) and
is ``private, no-store``; a tampered, expired or unknown link is a 404 that names nothing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from portal.core.http_cache import private_response

from . import outreach, services
from .service_items import service_item_url


def index(request: HttpRequest) -> HttpResponse:
    """服务找人: this year's outreach in aggregate (no person is named); purged on every change."""
    response = TemplateResponse(request, "proactive/index.html", {"figures": outreach.yearly_figures()})
    patch_cache_control(response, public=True, max_age=60)
    return response


@private_response  # a personal page: never kept by a shared cache
def personal_link(request: HttpRequest, token: str) -> HttpResponse:
    item = outreach.resolve(token)
    if item is None:
        return TemplateResponse(request, "proactive/link_invalid.html", {}, status=404)
    refused = ""
    if request.method == "POST" and request.POST.get("answer") in ("claim", "decline"):
        refused = outreach.answer(item, claim=request.POST["answer"] == "claim")
        if not refused:
            return redirect(request.path)
    outreach.opened(item)
    explanation = services.explain_key(item.benefit, item.person_key, timezone.localdate())
    context = {
        "item": item,
        "benefit": item.benefit,
        "explanation": explanation,
        "service_url": service_item_url(item.benefit.service_code),
        "refused": refused,
        "answered": item.state in (item.State.CLAIMED, item.State.DECLINED),
        "title": _("您可能符合“%(name)s”的条件") % {"name": item.benefit.name},
    }
    return TemplateResponse(request, "proactive/link.html", context)
