"""Admin screens of the core mechanisms: the audit trail, holiday arrangements, notifications."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page

from . import audit
from .admin_access import forbidden
from .models import Notification, Organisation, StaffProfile
from .models.base_page import accountable_organisation_id
from .workdays import load_arrangement, missing_calendar_years


def user_organisation(user) -> Organisation | None:
    try:
        return user.staff_profile.organisation
    except StaffProfile.DoesNotExist:
        return None


def _answerable(page: Page, organisation_ids: list[int]) -> bool:
    return accountable_organisation_id(page) in set(organisation_ids or [])


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def audit_trail(request: HttpRequest) -> HttpResponse:
    """Pages and other records, filterable by page, action, organisation and dates; CSV/XLSX."""
    params = request.GET
    organisation_id = params.get("organisation", "")
    # The audit administrator (三员分立, portal.accounts.roles) reads every organisation's trail.
    sees_all = request.user.is_superuser or request.user.has_perm("accounts.view_audit_log")
    if not sees_all:
        own = user_organisation(request.user)
        if own is None:
            raise PermissionDenied
        organisation_ids = [own.pk]
    else:
        organisation_ids = [int(organisation_id)] if organisation_id.isdigit() else None
    page_id = params.get("page", "")
    page = Page.objects.filter(pk=page_id).first() if page_id.isdigit() and len(page_id) < 12 else None
    if page is not None and not sees_all and not _answerable(page, organisation_ids):
        return forbidden(request)  # another organisation's page: not even its title
    fmt = params.get("format")
    entries = audit.audit_entries(
        page=page,
        action=params.get("action", ""),
        organisation_ids=organisation_ids,
        since=_parse_date(params.get("since")),
        until=_parse_date(params.get("until")),
        limit=audit.MAX_EXPORT if fmt in ("csv", "xlsx") else 200,
    )
    if fmt in ("csv", "xlsx"):
        return audit.export(fmt, entries)
    query = request.GET.copy()
    query.pop("format", None)
    log_registry.scan_for_actions()
    return render(
        request,
        "core/audit.html",
        {
            "entries": entries,
            "page": page,
            "accountability": audit.accountability(page) if page else None,
            "organisations": Organisation.objects.all() if sees_all else [],
            "actions": sorted(log_registry.get_choices(), key=lambda c: str(c[0])),
            "params": params,
            "query": query.urlencode(),
            "page_title": _("审计日志"),
            "header_title": _("审计日志"),
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
        data = form.cleaned_data
        try:
            count = load_arrangement(data["year"], data["text"], data["complete"], data["source"])
        except ValueError as exc:
            form.add_error("text", str(exc))
        else:
            messages.success(
                request,
                _("已导入 %(year)s 年节假日安排 %(count)s 天。") % {"year": data["year"], "count": count},
            )
            return redirect("core_load_holidays")
    return render(
        request,
        "core/load_holidays.html",
        {
            "form": form,
            "missing_years": missing_calendar_years(),
            "page_title": _("导入节假日安排"),
            "header_title": _("导入节假日安排"),
            "header_icon": "date",
        },
    )


def notifications(request: HttpRequest) -> HttpResponse:
    """The signed-in user's notifications, newest first."""
    items = Notification.objects.filter(user=request.user).order_by("-created_at")[:200]
    return render(
        request,
        "core/notifications.html",
        {
            "notifications": items,
            "page_title": _("我的通知"),
            "header_title": _("我的通知"),
            "header_icon": "mail",
        },
    )


def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the user's notifications read and go to what it is about."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.url or "core_notifications")
