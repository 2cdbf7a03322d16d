"""Admin views: the on-demand content check and the pending-review dashboard."""

from __future__ import annotations

from collections import OrderedDict

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from portal.core.admin_views import user_organisation
from portal.core.audit import accountability
from portal.core.workdays import missing_calendar_years

from .clocks import pending_items
from .models import CheckReport
from .transitions import run_content_check


def content_check(request: HttpRequest, page_id: int) -> HttpResponse:
    """内容检查: run every check on the page's latest saved content and show the report."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    report = run_content_check(page, user=request.user)
    return render(
        request,
        "editorial/content_check.html",
        {
            "page": page,
            "report": report,
            "saved_first": request.GET.get("saved") == "1",
            "accountability": accountability(page),
            "page_title": _("内容检查"),
            "header_title": _("内容检查"),
            "header_icon": "tick",
            "history": CheckReport.objects.filter(page_id=page.pk).exclude(pk=report.pk)[:10],
        },
    )


def pending_dashboard(request: HttpRequest) -> HttpResponse:
    """Every pending review step by organisation and age (staff see their own organisation)."""
    organisation = None if request.user.is_superuser else user_organisation(request.user)
    if organisation is None and not request.user.is_superuser:
        items = []
    else:
        items = pending_items(organisation)
    groups: OrderedDict[str, list] = OrderedDict()
    for item in sorted(
        items, key=lambda i: ((i.deadline.organisation.name if i.deadline.organisation else ""), -i.age_hours)
    ):
        name = item.deadline.organisation.name if item.deadline.organisation else _("未指定机构")
        groups.setdefault(name, []).append(item)
    return render(
        request,
        "editorial/pending.html",
        {
            "groups": groups,
            "total": len(items),
            "overdue": sum(1 for i in items if i.overdue),
            "missing_years": missing_calendar_years() if request.user.is_superuser else [],
            "page_title": _("待审事项"),
            "header_title": _("待审事项"),
            "header_icon": "tasks",
            "now": timezone.now(),
        },
    )
