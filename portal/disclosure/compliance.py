"""Compliance of the standard catalogue: is every entry published where and when it should be?

Three findings (STANDARDS.md §4 Art. 26, §5):

* **stale** (逾期未公开) — an entry with a triggering event (``event_on``) whose columns published
  nothing from the event day to its time limit (default 20 working days, counted on the core
  working-day calendar from the day after the event), once that limit has passed; an entry without
  an event whose column has published nothing within the column's promised update frequency;
* **unlinked entry** (未关联栏目) — an entry linked to no column;
* **unlinked column** (栏目无对应事项) — a leaf column of the disclosure platform (type 信息公开 or
  政策文件, with no sub-columns) that no entry points to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.models import BasePage
from portal.core.workdays import WorkdayCalendar
from portal.pages.models import ColumnPage

from .catalogue import CatalogueEntry

PLATFORM_COLUMN_TYPES = ("disclosure", "policy")


@dataclass
class EntryFinding:
    entry: CatalogueEntry
    reason: str
    due: date | None = None
    last_published: datetime | None = None


@dataclass
class ComplianceReport:
    today: date
    stale: list[EntryFinding] = field(default_factory=list)
    unlinked_entries: list[CatalogueEntry] = field(default_factory=list)
    unlinked_columns: list[ColumnPage] = field(default_factory=list)
    checked: int = 0

    @property
    def problem_count(self) -> int:
        return len(self.stale) + len(self.unlinked_entries) + len(self.unlinked_columns)


def _latest(columns, since: datetime | None = None, until: datetime | None = None) -> datetime | None:
    items = BasePage.items()
    latest = None
    for column in columns:
        qs = items.descendant_of(column)
        if since is not None:
            qs = qs.filter(date__gte=since)
        if until is not None:
            qs = qs.filter(date__lte=until)
        found = qs.values_list("date", flat=True).first()
        if found and (latest is None or found > latest):
            latest = found
    return latest


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def entry_due(entry: CatalogueEntry, cal: WorkdayCalendar | None = None) -> date | None:
    """The last day to publish the information of the entry's triggering event."""
    if entry.event_on is None:
        return None
    return (cal or WorkdayCalendar()).add_working_days(entry.event_on, entry.time_limit_days)


def check_entry(
    entry: CatalogueEntry, today: date, cal: WorkdayCalendar, now: datetime
) -> EntryFinding | None:
    columns = [c for c in entry.columns.all() if c.live]
    if entry.event_on is not None:
        due = entry_due(entry, cal)
        if today <= due:
            return None
        published = _latest(columns, since=_start_of(entry.event_on), until=_end_of(due))
        if published is None:
            return EntryFinding(
                entry,
                str(
                    _("触发事件（%(event)s）后 %(days)s 个工作日内（%(due)s 前）栏目未发布信息")
                    % {"event": entry.event_on, "days": entry.time_limit_days, "due": due}
                ),
                due=due,
                last_published=_latest(columns),
            )
        return None
    for column in columns:
        days = column.promised_days()
        if days is None:
            continue
        latest = _latest([column])
        if latest is None or now - latest > timedelta(days=days):
            return EntryFinding(
                entry,
                str(
                    _("栏目“%(column)s”超过承诺更新频率（%(freq)s）未发布信息")
                    % {"column": column.title, "freq": column.get_update_frequency_display()}
                ),
                last_published=latest,
            )
    return None


def platform_columns():
    """Leaf columns of the disclosure platform (the Chinese site)."""
    columns = ColumnPage.objects.live().filter(
        column_type__in=PLATFORM_COLUMN_TYPES, locale__language_code="zh-hans"
    )
    parents = set(
        ColumnPage.objects.live().filter(depth__gt=2).values_list("path", flat=True)
    )  # every column's path; a column is a leaf when no other column's path extends it
    leaves = []
    for column in columns:
        if not any(p != column.path and p.startswith(column.path) for p in parents):
            leaves.append(column)
    return leaves


def compliance_report(
    organisation=None, today: date | None = None, now: datetime | None = None
) -> ComplianceReport:
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    cal = WorkdayCalendar()
    entries = CatalogueEntry.objects.select_related("organisation").prefetch_related("columns")
    if organisation is not None:
        entries = entries.filter(organisation=organisation)
    report = ComplianceReport(today=today)
    linked: set[int] = set()
    for entry in entries:
        report.checked += 1
        columns = list(entry.columns.all())
        linked |= {c.pk for c in columns}
        if not columns:
            report.unlinked_entries.append(entry)
            continue
        finding = check_entry(entry, today, cal, now)
        if finding is not None:
            report.stale.append(finding)
    if organisation is None:
        linked = set(CatalogueEntry.columns.through.objects.values_list("columnpage_id", flat=True))
        report.unlinked_columns = [c for c in platform_columns() if c.pk not in linked]
    else:
        all_linked = set(CatalogueEntry.columns.through.objects.values_list("columnpage_id", flat=True))
        report.unlinked_columns = [
            c
            for c in platform_columns()
            if c.owner_organisation_id == organisation.pk and c.pk not in all_linked
        ]
    return report
