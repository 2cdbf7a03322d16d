"""Admin views: on-demand content check, pending-review dashboard, audit trail with export."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from portal.core.models import Organisation, StaffProfile
from portal.core.workdays import missing_calendar_years

from .audit import accountability, audit_entries, entry_row, export_audit_csv, export_audit_xlsx
from .deadlines import pending_items
from .models import CheckReport
from .services import run_content_check


def _user_organisation(user) -> Organisation | None:
    try:
        return user.staff_profile.organisation
    except StaffProfile.DoesNotExist:
        return None


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
            "accountability": accountability(page),
            "page_title": _("内容检查"),
            "header_title": _("内容检查"),
            "header_icon": "tick",
            "history": CheckReport.objects.filter(page_id=page.pk).exclude(pk=report.pk)[:10],
        },
    )


def pending_dashboard(request: HttpRequest) -> HttpResponse:
    """Every pending review step by organisation and age (staff see their own organisation)."""
    organisation = None if request.user.is_superuser else _user_organisation(request.user)
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


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def audit_trail(request: HttpRequest) -> HttpResponse:
    """The audit trail, filterable by page, action, organisation and dates; CSV/XLSX export."""
    params = request.GET
    organisation_id = params.get("organisation") or None
    if not request.user.is_superuser:
        own = _user_organisation(request.user)
        if own is None:
            raise PermissionDenied
        organisation_id = own.pk
    page = Page.objects.filter(pk=params.get("page")).first() if params.get("page", "").isdigit() else None
    entries = audit_entries(
        page=page,
        action=params.get("action", ""),
        organisation_id=int(organisation_id) if organisation_id else None,
        since=_parse_date(params.get("since")),
        until=_parse_date(params.get("until")),
    )
    fmt = params.get("format")
    stamp = timezone.localtime().strftime("%Y%m%d%H%M")
    if fmt == "csv":
        response = HttpResponse(export_audit_csv(entries[:50000]), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            export_audit_xlsx(entries[:50000]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.xlsx"'
        return response
    shown = list(entries[:200])
    owners = {}
    rows = [entry_row(e, owners) for e in shown]
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "editorial/audit.html",
        {
            "rows": rows,
            "page": page,
            "accountability": accountability(page) if page else None,
            "organisations": Organisation.objects.all() if request.user.is_superuser else [],
            "params": params,
            "query": query.urlencode(),
            "page_title": _("审核记录"),
            "header_title": _("审核记录"),
            "header_icon": "history",
        },
    )
