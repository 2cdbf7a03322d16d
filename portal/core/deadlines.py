"""One deadline clock for every obligation with a time limit (DESIGN.md, "Statutory clocks").

A :class:`Deadline` row is opened on any object (a review step, a disclosure request, a letter,
a remediation ticket) by :func:`open_deadline` with a registered :class:`Clock`. The clock says
the unit (working days or working hours on :mod:`portal.core.workdays`), the default amount,
when to remind (so many units before the due time, and at the due time) and when to escalate,
and — through overridable methods — who is told, with which message, and what else happens.

Counting rules (STANDARDS.md §7; shown where staff configure the clocks and in
``docs/architecture.md``):

- days: the day of the event is not counted, the period starts the next day; the due time is
  the end (23:59:59) of the last working day. A request received after hours or on a rest day
  counts from the next day all the same (the receipt date is the day of the event).
- hours: working hours from the moment of the event (``settings.PORTAL_WORKING_HOURS``).
- a pause (e.g. third-party opinion) stops the clock: the day the pause starts still counts,
  the days after it up to and including the day it ends do not.
- an extension adds units to the same start; a restart (e.g. 补正 received) counts afresh
  from the restart, as if the object had been received that day.
- every open deadline is recomputed when administrators change the calendar.

The periodic tick (:func:`process_due`) sends each stage once, in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from .models import Deadline, Organisation
from .notify import notify
from .workdays import WorkdayCalendar, calendar_changed

__all__ = [
    "Clock",
    "Stage",
    "close_deadlines",
    "deadlines_for",
    "extend",
    "open_deadline",
    "pause",
    "process_due",
    "recompute",
    "recompute_open",
    "register_clock",
    "restart",
    "resume",
]

END_OF_DAY = time(23, 59, 59)
_DEFAULT = object()


@dataclass(frozen=True)
class Stage:
    """One moment a clock acts: a reminder ``before`` units ahead, the due time, escalation."""

    key: str  # "before:5", "due", "escalate"
    at: datetime

    @property
    def kind(self) -> str:
        return self.key.split(":", 1)[0]


class Clock:
    """What one kind of deadline does. Subclass, set the class attributes, register it."""

    key: str = ""
    label: str = ""
    unit: str = Deadline.Unit.DAYS
    amount: int = 0
    #: reminders this many units before the due time (working days or hours)
    remind_before: tuple[int, ...] = ()
    #: a reminder when the due time passes
    remind_when_due: bool = True
    #: escalation this many units after the due time (None: never)
    escalate_after: int | None = None
    notification_kinds = {"before": "due_soon", "due": "reminder", "escalate": "escalation"}

    def is_active(self, deadline: Deadline) -> bool:
        """False when the obligation ended without anyone closing the clock (then it closes)."""
        return True

    def recipients(self, deadline: Deadline, stage: Stage) -> list:
        org = deadline.organisation
        return org.staff_users(("reviewer", "lead")) if org else []

    def message(self, deadline: Deadline, stage: Stage) -> str:
        return f"{self.label}：{deadline.subject} 期限 {format_due(deadline)}"

    def url(self, deadline: Deadline) -> str:
        return ""

    def on_stage(self, deadline: Deadline, stage: Stage, recipients: list, now: datetime) -> None:
        """Anything else a stage does (an audit entry, a flag on the object…)."""


_clocks: dict[str, Clock] = {}


def register_clock(clock: Clock | type[Clock]) -> Clock | type[Clock]:
    """Register a clock (usable as a class decorator)."""
    instance = clock() if isinstance(clock, type) else clock
    if not instance.key:
        raise ValueError("A clock needs a key.")
    _clocks[instance.key] = instance
    return clock


def get_clock(key: str) -> Clock:
    return _clocks[key]


def format_due(deadline: Deadline) -> str:
    local = timezone.localtime(deadline.due_at)
    if deadline.unit == Deadline.Unit.DAYS:
        return local.strftime("%Y-%m-%d")
    return local.strftime("%Y-%m-%d %H:%M")


# -- computing -------------------------------------------------------------------------------


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _pause_intervals(deadline: Deadline, now: datetime) -> list[tuple[datetime, datetime]]:
    intervals = [(datetime.fromisoformat(a), datetime.fromisoformat(b)) for a, b in deadline.pauses]
    if deadline.paused_at is not None:
        intervals.append((deadline.paused_at, max(now, deadline.paused_at)))
    return intervals


def _paused_days(intervals) -> set[date]:
    days: set[date] = set()
    for start, end in intervals:
        day, last = _local(start).date() + timedelta(days=1), _local(end).date()
        while day <= last:
            days.add(day)
            day += timedelta(days=1)
    return days


def _end_of(day: date) -> datetime:
    return datetime.combine(day, END_OF_DAY, tzinfo=timezone.get_current_timezone())


def _add(cal: WorkdayCalendar, deadline: Deadline, start: datetime, amount: int, intervals) -> datetime:
    if deadline.unit == Deadline.Unit.DAYS:
        day = cal.add_working_days(_local(start).date(), amount, skip=_paused_days(intervals))
        return _end_of(day)
    due = cal.add_working_hours(start, amount)
    for _ in range(10):  # paused working hours before the due time push it back
        lost = sum(cal.working_hours_between(max(a, start), min(b, due)) for a, b in intervals if a < due)
        moved = cal.add_working_hours(start, amount + lost)
        if moved == due:
            break
        due = moved
    return due


def stages(deadline: Deadline, clock: Clock | None = None, cal: WorkdayCalendar | None = None) -> list[Stage]:
    """Every stage of the deadline in time order (whether already done or not)."""
    clock = clock or get_clock(deadline.clock)
    cal = cal or WorkdayCalendar()
    found = []
    if deadline.unit == Deadline.Unit.DAYS:
        due_day = _local(deadline.due_at).date()
        first_hour = cal.periods[0][0] if cal.periods else time(9, 0)
        for before in clock.remind_before:
            day = cal.subtract_working_days(due_day, before)
            moment = datetime.combine(day, first_hour, tzinfo=timezone.get_current_timezone())
            found.append(Stage(f"before:{before}", moment))
    else:
        for before in clock.remind_before:
            found.append(Stage(f"before:{before}", cal.subtract_working_hours(deadline.due_at, before)))
    if clock.remind_when_due:
        found.append(Stage("due", deadline.due_at))
    if deadline.escalate_at is not None:
        found.append(Stage("escalate", deadline.escalate_at))
    return sorted(found, key=lambda s: s.at)


def recompute(deadline: Deadline, now: datetime | None = None, save: bool = True) -> Deadline:
    """Due time, escalation time and next action from the stored start, amount and pauses."""
    now = now or timezone.now()
    clock = get_clock(deadline.clock)
    cal = WorkdayCalendar()
    intervals = _pause_intervals(deadline, now)
    deadline.due_at = _add(
        cal, deadline, deadline.started_at, deadline.amount + deadline.extension, intervals
    )
    if deadline.escalate_after is None:
        deadline.escalate_at = None
    elif deadline.unit == Deadline.Unit.DAYS:
        deadline.escalate_at = _end_of(
            cal.add_working_days(_local(deadline.due_at).date(), deadline.escalate_after)
        )
    else:
        deadline.escalate_at = cal.add_working_hours(deadline.due_at, deadline.escalate_after)
    pending = [s for s in stages(deadline, clock, cal) if s.key not in deadline.stages_done]
    deadline.provisional = cal.used_provisional
    deadline.next_action_at = (
        pending[0].at if pending and deadline.paused_at is None and deadline.closed_at is None else None
    )
    if save and deadline.pk:
        deadline.save(update_fields=["due_at", "escalate_at", "provisional", "next_action_at"])
    return deadline


# -- verbs -----------------------------------------------------------------------------------


def _subject_filter(subject) -> dict:
    return {"subject_type": ContentType.objects.get_for_model(subject), "subject_id": str(subject.pk)}


def open_deadline(
    clock_key: str,
    subject,
    organisation: Organisation | None = None,
    started_at: datetime | None = None,
    amount: int | None = None,
    escalate_after: int | None | object = _DEFAULT,
) -> Deadline:
    """Start a clock on ``subject``; the clock's defaults apply unless given."""
    clock = get_clock(clock_key)
    deadline = Deadline(
        clock=clock.key,
        organisation=organisation,
        unit=clock.unit,
        amount=clock.amount if amount is None else amount,
        escalate_after=clock.escalate_after if escalate_after is _DEFAULT else escalate_after,
        started_at=started_at or timezone.now(),
        **_subject_filter(subject),
    )
    recompute(deadline, save=False)
    deadline.save()
    return deadline


def deadlines_for(subject, clock_key: str | None = None, open_only: bool = False):
    qs = Deadline.objects.filter(**_subject_filter(subject))
    if clock_key:
        qs = qs.filter(clock=clock_key)
    if open_only:
        qs = qs.filter(closed_at__isnull=True)
    return qs.order_by("started_at", "pk")


def close_deadlines(subject, clock_key: str | None = None, at: datetime | None = None) -> int:
    return deadlines_for(subject, clock_key, open_only=True).update(
        closed_at=at or timezone.now(), next_action_at=None
    )


def pause(deadline: Deadline, at: datetime | None = None) -> Deadline:
    if deadline.paused_at is None and deadline.closed_at is None:
        deadline.paused_at = at or timezone.now()
        deadline.save(update_fields=["paused_at"])
        recompute(deadline, now=deadline.paused_at)
    return deadline


def resume(deadline: Deadline, at: datetime | None = None) -> Deadline:
    if deadline.paused_at is not None:
        end = max(at or timezone.now(), deadline.paused_at)
        deadline.pauses = [*deadline.pauses, [deadline.paused_at.isoformat(), end.isoformat()]]
        deadline.paused_at = None
        deadline.save(update_fields=["pauses", "paused_at"])
        recompute(deadline, now=end)
    return deadline


def extend(deadline: Deadline, amount: int) -> Deadline:
    """Grant ``amount`` more units (e.g. the one extension of ≤ 20 working days)."""
    if amount <= 0:
        raise ValueError("amount must be positive")
    deadline.extension += amount
    deadline.stages_done = [s for s in deadline.stages_done if not s.startswith(("before", "due"))]
    deadline.save(update_fields=["extension", "stages_done"])
    return recompute(deadline)


def restart(deadline: Deadline, at: datetime | None = None) -> Deadline:
    """Count afresh from ``at`` (e.g. the day a 补正 was received)."""
    deadline.started_at = at or timezone.now()
    deadline.pauses, deadline.paused_at, deadline.extension = [], None, 0
    deadline.stages_done, deadline.reminded_at, deadline.escalated_at = [], None, None
    deadline.save(
        update_fields=[
            "started_at",
            "pauses",
            "paused_at",
            "extension",
            "stages_done",
            "reminded_at",
            "escalated_at",
        ]
    )
    return recompute(deadline)


def recompute_open() -> int:
    """Recompute every open deadline (after administrators change the calendar)."""
    count = 0
    for deadline in Deadline.objects.filter(closed_at__isnull=True).iterator():
        if deadline.clock in _clocks:
            recompute(deadline)
            count += 1
    return count


@receiver(calendar_changed)
def _on_calendar_changed(sender, **kwargs) -> None:
    transaction.on_commit(recompute_open)


# -- the tick ---------------------------------------------------------------------------------


@dataclass
class TickResult:
    sent: dict[str, int] = field(default_factory=dict)
    closed: int = 0

    def count(self, kind: str) -> int:
        return self.sent.get(kind, 0)

    @property
    def reminded(self) -> int:
        return self.count("before") + self.count("due")

    @property
    def escalated(self) -> int:
        return self.count("escalate")


def process_due(now: datetime | None = None, clock_key: str | None = None) -> TickResult:
    """Send every stage whose time has come (each once); close clocks whose obligation ended."""
    now = now or timezone.now()
    result = TickResult()
    qs = Deadline.objects.filter(closed_at__isnull=True, paused_at__isnull=True, next_action_at__lte=now)
    if clock_key:
        qs = qs.filter(clock=clock_key)
    for deadline in qs.select_related("organisation").order_by("next_action_at", "pk"):
        clock = _clocks.get(deadline.clock)
        if clock is None:
            continue
        if not clock.is_active(deadline):
            deadline.closed_at, deadline.next_action_at = now, None
            deadline.save(update_fields=["closed_at", "next_action_at"])
            result.closed += 1
            continue
        _fire_due_stages(deadline, clock, now, result)
    return result


def _fire_due_stages(deadline: Deadline, clock: Clock, now: datetime, result: TickResult) -> None:
    due_stages = [s for s in stages(deadline, clock) if s.key not in deadline.stages_done and s.at <= now]
    # Only the latest reminder is worth sending when several came due at once.
    reminders = [s for s in due_stages if s.kind != "escalate"]
    to_send = reminders[-1:] + [s for s in due_stages if s.kind == "escalate"]
    with transaction.atomic():
        for stage in to_send:
            recipients = clock.recipients(deadline, stage)
            notify(
                recipients,
                clock.notification_kinds.get(stage.kind, stage.kind),
                clock.message(deadline, stage),
                clock.url(deadline),
                subject=deadline,
            )
            clock.on_stage(deadline, stage, recipients, now)
            if stage.kind == "escalate":
                deadline.escalated_at = deadline.escalated_at or now
            else:
                deadline.reminded_at = deadline.reminded_at or now
            result.sent[stage.kind] = result.sent.get(stage.kind, 0) + 1
        deadline.stages_done = [*deadline.stages_done, *(s.key for s in due_stages)]
        deadline.save(update_fields=["stages_done", "reminded_at", "escalated_at"])
        recompute(deadline, now=now)
