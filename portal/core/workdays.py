"""The working-day calendar every statutory clock uses (STANDARDS.md §7).

A day is a working day according to, in order:

1. an administrator's :class:`~portal.core.models.WorkdayOverride` for that date;
2. chinese-calendar, for the years it holds data for (it counts 调休 make-up days);
3. Monday to Friday, for any other year. Such a year is *provisional*: deadlines that touch it
   carry ``provisional=True`` until an administrator loads the year and marks it complete
   (:class:`~portal.core.models.CalendarYear`).

Nothing here raises for a year outside the library's data. Working hours within a working day
come from ``settings.PORTAL_WORKING_HOURS`` (default 09:00–12:00 and 13:00–18:00, eight hours).

Whenever administrators change the calendar, :data:`calendar_changed` is sent so that apps with
open deadlines can recompute them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import chinese_calendar
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from django.utils import timezone

from .models import CalendarYear, WorkdayOverride

__all__ = [
    "Deadline",
    "WorkdayCalendar",
    "add_working_days",
    "add_months",
    "add_working_hours",
    "calendar_changed",
    "deadline_in_working_days",
    "deadline_in_working_hours",
    "is_working_day",
    "library_years",
    "load_arrangement",
    "missing_calendar_years",
    "parse_arrangement",
    "period_end_in_months",
    "working_hours_between",
]

#: Sent (sender=WorkdayCalendar) after an administrator changes an override or a calendar year.
calendar_changed = Signal()

DEFAULT_WORKING_HOURS = ((time(9, 0), time(12, 0)), (time(13, 0), time(18, 0)))
_MAX_SCAN_DAYS = 3660


def library_years() -> range:
    """The years chinese-calendar holds official data for."""
    return range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)


def _working_periods() -> tuple[tuple[time, time], ...]:
    periods = getattr(settings, "PORTAL_WORKING_HOURS", None) or DEFAULT_WORKING_HOURS
    parsed = []
    for start, end in periods:
        start = time.fromisoformat(start) if isinstance(start, str) else start
        end = time.fromisoformat(end) if isinstance(end, str) else end
        parsed.append((start, end))
    return tuple(sorted(parsed))


@dataclass(frozen=True)
class Deadline:
    """A computed due time; ``provisional`` when it relied on a year without official data."""

    due: datetime | date
    provisional: bool = False


class WorkdayCalendar:
    """Answers working-day questions, loading administrator overrides once per year touched.

    An instance remembers whether any answer it gave relied on a provisional year
    (:attr:`used_provisional`), so a caller can flag the deadline it computed.
    """

    def __init__(self) -> None:
        self._overrides: dict[int, dict[date, bool]] = {}
        self._complete_years: set[int] | None = None
        self._library = library_years()
        self.periods = _working_periods()
        self.used_provisional = False

    # -- days -------------------------------------------------------------------------------
    def _year_overrides(self, year: int) -> dict[date, bool]:
        if year not in self._overrides:
            rows = WorkdayOverride.objects.filter(date__year=year).values_list("date", "is_working_day")
            self._overrides[year] = dict(rows)
        return self._overrides[year]

    def is_provisional_year(self, year: int) -> bool:
        if year in self._library:
            return False
        if self._complete_years is None:
            self._complete_years = set(
                CalendarYear.objects.filter(complete=True).values_list("year", flat=True)
            )
        return year not in self._complete_years

    def is_working_day(self, day: date) -> bool:
        overrides = self._year_overrides(day.year)
        if day in overrides:
            return overrides[day]
        if day.year in self._library:
            return chinese_calendar.is_workday(day)
        if self.is_provisional_year(day.year):
            self.used_provisional = True
        return day.weekday() < 5

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        for _ in range(_MAX_SCAN_DAYS):
            day += timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise ValueError("no working day within ten years")

    def add_working_days(self, start: date, days: int, skip: set[date] | frozenset = frozenset()) -> date:
        """The date ``days`` working days after ``start`` (``start`` itself is not counted).

        Dates in ``skip`` (a paused clock) are not counted either. With ``days == 0`` this is
        ``start`` if it is a working day, else the next working day.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        if days == 0:
            return start if self.is_working_day(start) else self.next_working_day(start)
        day, counted = start, 0
        for _ in range(_MAX_SCAN_DAYS):
            day = self.next_working_day(day)
            if day not in skip:
                counted += 1
                if counted == days:
                    return day
        raise ValueError("no working day within ten years")

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before ``day``."""
        for _ in range(_MAX_SCAN_DAYS):
            day -= timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise ValueError("no working day within ten years")

    def subtract_working_days(self, end: date, days: int) -> date:
        """The working day ``days`` working days before ``end`` (0: ``end`` itself)."""
        day = end
        for _ in range(days):
            day = self.previous_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    # -- hours ------------------------------------------------------------------------------
    def _segments(self, day: date, tz) -> list[tuple[datetime, datetime]]:
        if not self.is_working_day(day):
            return []
        return [
            (datetime.combine(day, start, tzinfo=tz), datetime.combine(day, end, tzinfo=tz))
            for start, end in self.periods
        ]

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The moment ``hours`` working hours after ``start`` (an aware datetime)."""
        if hours < 0:
            raise ValueError("hours must not be negative")
        tz = timezone.get_current_timezone()
        current = timezone.localtime(start, tz) if timezone.is_aware(start) else start.replace(tzinfo=tz)
        remaining = timedelta(hours=hours)
        if not remaining:
            return current
        day = current.date()
        for _ in range(_MAX_SCAN_DAYS):
            for seg_start, seg_end in self._segments(day, tz):
                begin = max(current, seg_start)
                if begin >= seg_end:
                    continue
                available = seg_end - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
            day += timedelta(days=1)
        raise ValueError("deadline beyond ten years")

    def subtract_working_hours(self, end: datetime, hours: float) -> datetime:
        """The moment ``hours`` working hours before ``end`` (an aware datetime)."""
        tz = timezone.get_current_timezone()
        current = timezone.localtime(end, tz)
        remaining = timedelta(hours=hours)
        day = current.date()
        for _ in range(_MAX_SCAN_DAYS):
            for seg_start, seg_end in reversed(self._segments(day, tz)):
                finish = min(current, seg_end)
                if finish <= seg_start:
                    continue
                available = finish - seg_start
                if remaining <= available:
                    return finish - remaining
                remaining -= available
            day -= timedelta(days=1)
        raise ValueError("deadline beyond ten years")

    def working_hours_between(self, start: datetime, end: datetime) -> float:
        """Working hours elapsed between two aware datetimes (0 when ``end <= start``)."""
        if end <= start:
            return 0.0
        tz = timezone.get_current_timezone()
        start, end = timezone.localtime(start, tz), timezone.localtime(end, tz)
        total = timedelta()
        day = start.date()
        while day <= end.date():
            for seg_start, seg_end in self._segments(day, tz):
                lo, hi = max(seg_start, start), min(seg_end, end)
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return total.total_seconds() / 3600


# -- module-level API ------------------------------------------------------------------------


def is_working_day(day: date) -> bool:
    return WorkdayCalendar().is_working_day(day)


def add_working_days(start: date, days: int) -> date:
    return WorkdayCalendar().add_working_days(start, days)


def add_working_hours(start: datetime, hours: float) -> datetime:
    return WorkdayCalendar().add_working_hours(start, hours)


def working_hours_between(start: datetime, end: datetime) -> float:
    return WorkdayCalendar().working_hours_between(start, end)


def deadline_in_working_days(start: date | datetime, days: int) -> Deadline:
    """A statutory deadline ``days`` working days after ``start`` (e.g. 20 for Art. 26)."""
    if isinstance(start, datetime):
        start = timezone.localtime(start).date() if timezone.is_aware(start) else start.date()
    cal = WorkdayCalendar()
    due = cal.add_working_days(start, days)
    return Deadline(due=due, provisional=cal.used_provisional)


def deadline_in_working_hours(start: datetime, hours: float) -> Deadline:
    cal = WorkdayCalendar()
    due = cal.add_working_hours(start, hours)
    return Deadline(due=due, provisional=cal.used_provisional)


def add_months(start: date, months: int) -> date:
    """The corresponding day ``months`` later, or that month's last day where it has none
    (民法典 Art. 202: 31 January + 1 month = 28/29 February)."""
    import calendar

    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def period_end_in_months(start: date, months: int) -> date:
    """The last day of a period of ``months`` calendar months counted from the day after
    ``start`` (民法典 Arts. 201–203): the corresponding day, moved to the next working day when
    it falls on a statutory rest day."""
    end = add_months(start, months)
    cal = WorkdayCalendar()
    return end if cal.is_working_day(end) else cal.next_working_day(end)


def missing_calendar_years(today: date | None = None) -> list[int]:
    """Years whose official arrangement is missing and that deadlines may already reach.

    This year always counts; next year counts from 1 October, when deadlines of 20 working
    days and more start to fall in it. Shown as a warning on the dashboard and by the inspector.
    """
    today = today or timezone.localdate()
    years = [today.year] + ([today.year + 1] if today.month >= 10 else [])
    cal = WorkdayCalendar()
    return [y for y in years if cal.is_provisional_year(y)]


# -- loading the State Council's arrangement -------------------------------------------------------

_HOLIDAY_WORDS = {"休", "假", "放假", "holiday", "off"}
_WORKDAY_WORDS = {"班", "上班", "调休上班", "workday", "work"}


def parse_arrangement(text: str) -> list[tuple[date, bool, str]]:
    """Parse lines such as ``2027-02-06~2027-02-12 休 春节`` or ``2027-02-14 班 春节调休``.

    Returns (date, is_working_day, name) for every day; raises ``ValueError`` naming the line.
    """
    rows: list[tuple[date, bool, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.replace(",", " ").replace("，", " ").split()
        if len(parts) < 2:
            raise ValueError(f"第 {number} 行格式应为：日期 休/班 名称")
        span, kind, name = parts[0], parts[1], " ".join(parts[2:])
        if kind in _HOLIDAY_WORDS:
            working = False
        elif kind in _WORKDAY_WORDS:
            working = True
        else:
            raise ValueError(f"第 {number} 行：“{kind}”应为“休”或“班”")
        first, _sep, last = span.replace("～", "~").partition("~")
        try:
            start = date.fromisoformat(first)
            end = date.fromisoformat(last) if last else start
        except ValueError as exc:
            raise ValueError(f"第 {number} 行：日期应为 YYYY-MM-DD") from exc
        if end < start or (end - start).days > 31:
            raise ValueError(f"第 {number} 行：日期范围有误")
        day = start
        while day <= end:
            rows.append((day, working, name))
            day += timedelta(days=1)
    return rows


def load_arrangement(year: int, text: str, complete: bool = True, source: str = "") -> int:
    """Replace ``year``'s overrides with the parsed arrangement; returns the number of days.

    Marking the year complete makes its deadlines official rather than provisional; open
    deadlines are recomputed through :data:`calendar_changed`.
    """
    from django.db import transaction

    rows = parse_arrangement(text)
    outside = [d for d, _w, _n in rows if d.year != year]
    if outside:
        raise ValueError(f"{outside[0]:%Y-%m-%d} 不在 {year} 年")
    with transaction.atomic():
        WorkdayOverride.objects.filter(date__year=year).delete()
        WorkdayOverride.objects.bulk_create(
            [WorkdayOverride(date=d, is_working_day=w, name=n[:60]) for d, w, n in rows]
        )
        CalendarYear.objects.update_or_create(
            year=year, defaults={"complete": complete, "source": source[:200]}
        )
    return len(rows)


@receiver(post_save, sender=WorkdayOverride)
@receiver(post_delete, sender=WorkdayOverride)
@receiver(post_save, sender=CalendarYear)
@receiver(post_delete, sender=CalendarYear)
def _announce_calendar_change(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        calendar_changed.send(sender=WorkdayCalendar, instance=instance)
