"""The audit trail (谁发布谁负责): one log for pages and for every other model.

Everything is Wagtail's own log — :class:`~wagtail.models.PageLogEntry` for pages and
:class:`~wagtail.models.ModelLogEntry` for anything else — written through :func:`log`, with
each app registering its actions and their Chinese labels in its ``wagtail_hooks``. This module
writes entries (recording the accountable organisation with each), reads both kinds back as
one list for the audit view and the CSV/XLSX exports, and names the people answerable for a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log as wagtail_log
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from .exports import export_response

COLUMNS = ["时间", "操作", "对象类型", "对象编号", "标题", "所属机构", "操作人", "审核步骤", "意见或理由"]
WIDTHS = (20, 16, 12, 10, 36, 20, 20, 12, 40)
MAX_EXPORT = 50000


def _organisation_id(instance) -> int | None:
    if hasattr(instance, "audit_organisation_id"):
        return instance.audit_organisation_id()
    for attr in ("organisation_id", "owner_organisation_id"):
        if getattr(instance, attr, None):
            return getattr(instance, attr)
    return None


def log(instance, action: str, user=None, data: dict | None = None, **kwargs):
    """Write an audit entry for any model instance (a page gets a PageLogEntry)."""
    data = dict(data or {})
    if "organisation_id" not in data:
        org_id = _organisation_id(instance)
        if org_id:
            data["organisation_id"] = org_id
    user = user if getattr(user, "is_authenticated", False) else None
    return wagtail_log(instance=instance, action=action, user=user, data=data, **kwargs)


def action_label(action: str) -> str:
    log_registry.scan_for_actions()
    return str(log_registry.get_action_label(action)) if log_registry.action_exists(action) else action


def person(user) -> str:
    """An operator as staff read it: name and organisation (“张明（区教育局）”)."""
    if user is None:
        return "系统"
    name = user.get_full_name().strip() or user.get_username()
    profile = getattr(user, "staff_profile", None)
    try:
        org = profile.organisation.display_name if profile else ""
    except Exception:  # noqa: BLE001 - a profile without organisation is shown without it
        org = ""
    return f"{name}（{org}）" if org else name


@dataclass
class AuditEntry:
    timestamp: datetime
    action: str
    action_display: str
    object_kind: str
    object_id: str
    title: str
    organisation: str
    operator: str
    step: str
    comment: str
    is_page: bool

    def row(self) -> list[Any]:
        return [
            timezone.localtime(self.timestamp).strftime("%Y-%m-%d %H:%M:%S"),
            self.action_display,
            self.object_kind,
            self.object_id,
            self.title,
            self.organisation,
            self.operator,
            self.step,
            self.comment,
        ]


def _comment(data: dict) -> str:
    return str(data.get("reason") or data.get("comment") or "")


def _step(data: dict) -> str:
    workflow = data.get("workflow") or {}
    task = workflow.get("task") or workflow.get("next") or {}
    return str(task.get("title") or data.get("task") or data.get("step") or "")


def _filtered(qs, action, user_id, since, until):
    if action:
        qs = qs.filter(action__startswith=action)
    if user_id:
        qs = qs.filter(user_id=user_id)
    if since:
        qs = qs.filter(timestamp__date__gte=since)
    if until:
        qs = qs.filter(timestamp__date__lte=until)
    return qs.select_related("user", "user__staff_profile__organisation").order_by("-timestamp", "-pk")


def audit_entries(
    page: Page | None = None,
    instance=None,
    action: str = "",
    user_id: int | None = None,
    organisation_ids: list[int] | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 200,
) -> list[AuditEntry]:
    """Page and model log entries, newest first, as the audit view and exports need them.

    ``organisation_ids`` limits the trail to those organisations' pages and objects.
    """
    from .models import BasePage, Organisation

    page_qs = _filtered(PageLogEntry.objects.all(), action, user_id, since, until)
    model_qs = _filtered(ModelLogEntry.objects.all(), action, user_id, since, until)
    if page is not None:
        page_qs, model_qs = page_qs.filter(page=page), model_qs.none()
    if instance is not None:
        ct = ContentType.objects.get_for_model(instance)
        page_qs = page_qs.none()
        model_qs = model_qs.filter(content_type=ct, object_id=str(instance.pk))
    if organisation_ids is not None:
        owned = BasePage.objects.filter(owner_organisation_id__in=organisation_ids).values("pk")
        page_qs = page_qs.filter(page__in=owned)
        model_qs = model_qs.filter(
            Q(data__organisation_id__in=organisation_ids)
            | Q(
                content_type=ContentType.objects.get_for_model(Organisation),
                object_id__in=[str(i) for i in organisation_ids],
            )
        )
    pages = list(page_qs[:limit])
    models = list(model_qs.select_related("content_type")[:limit])
    owners = dict(
        BasePage.objects.filter(pk__in={e.page_id for e in pages}).values_list(
            "pk", "owner_organisation__name"
        )
    )
    org_ids = {(e.data or {}).get("organisation_id") for e in models} - {None}
    org_names = dict(Organisation.objects.filter(pk__in=org_ids).values_list("pk", "name"))
    entries = [_page_entry(e, owners.get(e.page_id) or "") for e in pages]
    entries += [_model_entry(e, org_names) for e in models]
    entries.sort(key=lambda e: e.timestamp, reverse=True)
    return list(islice(entries, limit))


def _page_entry(entry: PageLogEntry, organisation: str) -> AuditEntry:
    data = entry.data or {}
    return AuditEntry(
        timestamp=entry.timestamp,
        action=entry.action,
        action_display=action_label(entry.action),
        object_kind="页面",
        object_id=str(entry.page_id or ""),
        title=entry.label,
        organisation=organisation,
        operator=person(entry.user),
        step=_step(data),
        comment=_comment(data),
        is_page=True,
    )


def _model_entry(entry: ModelLogEntry, org_names: dict) -> AuditEntry:
    data = entry.data or {}
    model = entry.content_type.model_class() if entry.content_type_id else None
    return AuditEntry(
        timestamp=entry.timestamp,
        action=entry.action,
        action_display=action_label(entry.action),
        object_kind=str(model._meta.verbose_name) if model else "",
        object_id=str(entry.object_id),
        title=entry.label,
        organisation=org_names.get(data.get("organisation_id"), ""),
        operator=person(entry.user),
        step=_step(data),
        comment=_comment(data),
        is_page=False,
    )


def export(fmt: str, entries: list[AuditEntry]):
    return export_response(fmt, "audit", COLUMNS, (e.row() for e in entries), title="审计日志", widths=WIDTHS)


@dataclass
class Accountability:
    """谁发布谁负责: the organisation and the people answerable for a page."""

    organisation: str
    drafted_by: str
    reviewed_by: list[str]
    published_by: str
    published_at: str


def accountability(page: Page) -> Accountability:
    entries = (
        PageLogEntry.objects.filter(page=page)
        .select_related("user", "user__staff_profile__organisation")
        .order_by("timestamp", "pk")
    )
    drafted = entries.filter(action__in=["wagtail.create", "wagtail.edit"]).first()
    reviewers = []
    for entry in entries.filter(action="wagtail.workflow.approve"):
        step = _step(entry.data or {})
        label = f"{step}：{person(entry.user)}" if step else person(entry.user)
        if label not in reviewers:
            reviewers.append(label)
    published = entries.filter(action__in=["wagtail.publish", "wagtail.publish.scheduled"]).last()
    page = page.specific_deferred if type(page) is Page else page
    organisation = page.accountable_organisation() if hasattr(page, "accountable_organisation") else None
    return Accountability(
        organisation=organisation.name if organisation else "",
        drafted_by=person(drafted.user) if drafted and drafted.user else "",
        reviewed_by=reviewers,
        published_by=person(published.user) if published else "",
        published_at=timezone.localtime(published.timestamp).strftime("%Y-%m-%d %H:%M") if published else "",
    )
