"""The editorial audit trail: who drafted, checked, reviewed, overrode and published.

Everything is Wagtail's own log (``PageLogEntry``), with the editorial actions registered in
``wagtail_hooks``; this module filters it, names the accountable people for a page, and exports
the trail as CSV or XLSX.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, PageLogEntry

EDITORIAL_ACTION_PREFIXES = ("wagtail.", "editorial.")
COLUMNS = ["时间", "操作", "页面ID", "页面标题", "所属机构", "操作人", "审核步骤", "意见或理由"]


def audit_entries(
    page: Page | None = None,
    action: str = "",
    user_id: int | None = None,
    organisation_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
):
    """Log entries of pages, newest first, filtered as the audit view and exports need."""
    qs = PageLogEntry.objects.select_related("user", "page").order_by("-timestamp", "-pk")
    if page is not None:
        qs = qs.filter(page=page)
    if action:
        qs = qs.filter(action__startswith=action)
    if user_id:
        qs = qs.filter(user_id=user_id)
    if organisation_id:
        from portal.core.models import BasePage

        qs = qs.filter(page__in=BasePage.objects.filter(owner_organisation_id=organisation_id).values("pk"))
    if since:
        qs = qs.filter(timestamp__date__gte=since)
    if until:
        qs = qs.filter(timestamp__date__lte=until)
    return qs


def _comment(entry: PageLogEntry) -> str:
    data = entry.data or {}
    return str(data.get("reason") or data.get("comment") or "")


def _step(entry: PageLogEntry) -> str:
    workflow = (entry.data or {}).get("workflow") or {}
    task = workflow.get("task") or workflow.get("next") or {}
    return str(task.get("title") or (entry.data or {}).get("task") or "")


def entry_row(entry: PageLogEntry, organisations: dict[int, str]) -> list[str]:
    return [
        timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M:%S"),
        str(
            log_registry.get_action_label(entry.action)
            if log_registry.action_exists(entry.action)
            else entry.action
        ),
        str(entry.page_id or ""),
        entry.label,
        organisations.get(entry.page_id, ""),
        entry.user.get_username() if entry.user else "系统",
        _step(entry),
        _comment(entry),
    ]


def _rows(entries) -> list[list[str]]:
    from portal.core.models import BasePage

    entries = list(entries)
    owners = dict(
        BasePage.objects.filter(pk__in={e.page_id for e in entries}).values_list(
            "pk", "owner_organisation__name"
        )
    )
    return [entry_row(e, {k: v or "" for k, v in owners.items()}) for e in entries]


def export_audit_csv(entries) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(_rows(entries))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM so Excel reads UTF-8


def export_audit_xlsx(entries) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "审核记录"
    sheet.append(COLUMNS)
    for row in _rows(entries):
        sheet.append(row)
    for column, width in zip("ABCDEFGH", (20, 16, 8, 36, 20, 14, 12, 40)):
        sheet.column_dimensions[column].width = width
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


@dataclass
class Accountability:
    """谁发布谁负责: the organisation and the people answerable for a page."""

    organisation: str
    drafted_by: str
    reviewed_by: list[str]
    published_by: str
    published_at: str


def accountability(page: Page) -> Accountability:
    from .models import owning_organisation

    entries = PageLogEntry.objects.filter(page=page).select_related("user").order_by("timestamp", "pk")
    drafted = entries.filter(action__in=["wagtail.create", "wagtail.edit"]).first()
    reviewers = []
    for entry in entries.filter(action="wagtail.workflow.approve"):
        name = entry.user.get_username() if entry.user else "系统"
        step = _step(entry)
        label = f"{step}：{name}" if step else name
        if label not in reviewers:
            reviewers.append(label)
    published = entries.filter(action__in=["wagtail.publish", "wagtail.publish.scheduled"]).last()
    organisation = owning_organisation(page)
    return Accountability(
        organisation=organisation.name if organisation else "",
        drafted_by=drafted.user.get_username() if drafted and drafted.user else "",
        reviewed_by=reviewers,
        published_by=(published.user.get_username() if published.user else "系统") if published else "",
        published_at=timezone.localtime(published.timestamp).strftime("%Y-%m-%d %H:%M") if published else "",
    )
