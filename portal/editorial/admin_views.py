"""Admin views: on-demand content check, pending-review dashboard, audit trail with export."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.models import Page

from portal.core.models import Organisation, StaffProfile
from portal.core.workdays import load_arrangement, missing_calendar_years

from .audit import accountability, audit_entries, entry_row, export_audit_csv, export_audit_xlsx
from .deadlines import pending_items
from .models import CheckReport, EditorialNotification
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


class ArrangementForm(forms.Form):
    year = forms.IntegerField(label=_lazy("年份"), min_value=2000, max_value=2100)
    text = forms.CharField(
        label=_lazy("节假日安排"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_lazy("每行一条：日期或日期~日期、休或班、名称。例：2027-02-06~2027-02-12 休 春节"),
    )
    source = forms.CharField(label=_lazy("依据"), required=False, max_length=200)
    complete = forms.BooleanField(label=_lazy("该年安排已完整录入"), required=False, initial=True)


def load_holidays(request: HttpRequest) -> HttpResponse:
    """Administrators paste the State Council's arrangement for a year (节假日安排)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    form = ArrangementForm(request.POST or None, initial={"year": timezone.localdate().year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            count = load_arrangement(
                form.cleaned_data["year"],
                form.cleaned_data["text"],
                form.cleaned_data["complete"],
                form.cleaned_data["source"],
            )
        except ValueError as exc:
            form.add_error("text", str(exc))
        else:
            messages.success(
                request,
                _("已导入 %(year)s 年节假日安排 %(count)s 天。")
                % {"year": form.cleaned_data["year"], "count": count},
            )
            return redirect("editorial_load_holidays")
    return render(
        request,
        "editorial/load_holidays.html",
        {
            "form": form,
            "missing_years": missing_calendar_years(),
            "page_title": _("导入节假日安排"),
            "header_title": _("导入节假日安排"),
            "header_icon": "date",
        },
    )


def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the user's notifications read and go to what it is about."""
    notification = get_object_or_404(EditorialNotification, pk=pk, user=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.url or "editorial_pending")
