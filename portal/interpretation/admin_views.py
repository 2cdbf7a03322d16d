"""Staff screens: the interpretation rate (解读率: documents lacking an interpretation, with the
working days they have waited) and the release calendar of packages. A department sees its own
documents and packages; the superuser and district staff see all."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.core.models import StaffProfile

from . import services
from .models import InterpretationSettings


def _organisation(user):
    if user.is_superuser:
        return None
    try:
        org = user.staff_profile.organisation
    except (StaffProfile.DoesNotExist, AttributeError):
        return False
    return None if org.parent_id is None else org


def rate(request: HttpRequest) -> HttpResponse:
    org = _organisation(request.user)
    waiting = [] if org is False else services.waiting_documents(organisation=org)
    conf = InterpretationSettings.load()
    context = {
        "waiting": waiting,
        "summary": services.interpretation_rate(),
        "conf": conf,
        "page_title": _("政策解读率"),
        "header_title": _("政策解读率"),
    }
    return render(request, "interpretation/admin/rate.html", context)


def release_calendar(request: HttpRequest) -> HttpResponse:
    org = _organisation(request.user)
    data = services.calendar()
    if org:
        data["rows"] = [r for r in data["rows"] if r["package"].owner_organisation_id == org.pk]
        data["overdue"] = [r for r in data["overdue"] if r["package"].owner_organisation_id == org.pk]
    context = {**data, "page_title": _("解读发布日历"), "header_title": _("解读发布日历")}
    return render(request, "interpretation/admin/calendar.html", context)
