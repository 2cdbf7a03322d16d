"""Staff screens of the service hall: the completeness check (单项否决), a flow's diagram and
the ratings (好差评) with their follow-ups and statistics. A department sees its own ratings."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core.admin_access import forbidden
from portal.core.models import StaffProfile

from . import diagram, flows, services
from .models import ScenarioFlow, ServiceRating


def _profile(user):
    try:
        return user.staff_profile
    except (StaffProfile.DoesNotExist, AttributeError):
        return None


def visible_ratings(user):
    qs = ServiceRating.objects.select_related("item", "organisation")
    if user.is_superuser:
        return qs
    profile = _profile(user)
    return qs.filter(organisation_id=profile.organisation_id) if profile else qs.none()


def completeness(request: HttpRequest) -> HttpResponse:
    report = services.completeness_report()
    return render(
        request,
        "services/admin/completeness.html",
        {"report": report, "page_title": _("办事指南完整性检查"), "header_title": _("办事指南完整性检查")},
    )


def flow_diagram(request: HttpRequest, pk: int) -> HttpResponse:
    flow = get_object_or_404(ScenarioFlow, pk=pk)
    try:
        parsed = flows.validate(flow.definition, services.live_item_codes())
        svg, errors = diagram.flow_svg(parsed), []
        paths = list(flows.paths(parsed))
    except flows.FlowError as error:
        svg, errors, paths = "", error.messages, []
    return render(
        request,
        "services/admin/flow_diagram.html",
        {
            "flow": flow,
            "svg": svg,
            "errors": errors,
            "paths": paths,
            "examples": flow.examples or [],
            "page_title": flow.title,
            "header_title": _("流程图：%(title)s") % {"title": flow.title},
        },
    )


def ratings(request: HttpRequest) -> HttpResponse:
    qs = visible_ratings(request.user)
    if request.GET.get("bad"):
        qs = qs.filter(level__lte=ServiceRating.Level.DISSATISFIED)
    return render(
        request,
        "services/admin/ratings.html",
        {
            "ratings": qs[:200],
            "stats": services.rating_stats(visible_ratings(request.user)),
            "by_org": services.rating_stats_by_organisation() if request.user.is_superuser else [],
            "bad_only": bool(request.GET.get("bad")),
            "page_title": _("好差评"),
            "header_title": _("好差评"),
        },
    )


@require_POST
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    rating = visible_ratings(request.user).filter(pk=pk).first()
    if rating is None:
        return forbidden(request)
    refused = services.follow_up(rating, request.POST.get("response", ""), user=request.user)
    if refused:
        messages.error(request, refused)
    else:
        messages.success(request, _("已记录回访整改情况。"))
    return redirect("services_admin_ratings")
