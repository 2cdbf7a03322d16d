"""The verbs of the interaction hub: submitting, the reply clock, duplicates, supervision."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core import deadlines
from portal.core.models import Deadline
from portal.core.notify import notify
from portal.core.workdays import WorkdayCalendar, period_end_in_months

from . import access
from .clocks import ALL_ROLES, CLOCK
from .models import ANSWERED_STATES, OPEN_STATES, InteractionSettings, Letter

# -- submitting ---------------------------------------------------------------------------------


def placeholder_number() -> str:
    """A unique stand-in until :func:`portal.core.submissions.accept` numbers the letter."""
    return f"TMP{secrets.token_hex(12)}"


# -- the reply clock ----------------------------------------------------------------------------


def open_reply_clock(letter: Letter, started_at: datetime | None = None) -> Deadline:
    deadline = deadlines.open_deadline(
        CLOCK,
        letter,
        organisation=letter.organisation,
        started_at=started_at or letter.accepted_at,
        amount=letter.channel.reply_days,
    )
    letter.reply_due_at = deadline.due_at
    return deadline


def reply_deadline(letter: Letter) -> Deadline | None:
    """The letter's current reply clock (the latest one)."""
    return deadlines.deadlines_for(letter, CLOCK).order_by("-started_at", "-pk").first()


def follow_organisation(letter: Letter) -> None:
    """Assignment and reassignment move the reminders to the new organisation; the clock keeps
    running from acceptance."""
    deadlines.deadlines_for(letter, CLOCK, open_only=True).update(organisation=letter.organisation)


def close_reply_clock(letter: Letter) -> None:
    deadlines.close_deadlines(letter, CLOCK)


def record_reply_figures(letter: Letter, deadline: Deadline | None = None) -> None:
    """Store what the statistics read (set when the reply is sent; not saved here): the working
    days from the start of the clock being answered (acceptance; for a letter reopened after a
    dissatisfied writer, the reopening) to the reply, and whether it came by the due time."""
    deadline = deadline if deadline is not None else reply_deadline(letter)
    replied = letter.replied_at
    started = deadline.started_at if deadline is not None else letter.accepted_at
    if replied is None or started is None:
        letter.reply_working_days = letter.replied_on_time = None
        return
    letter.reply_working_days = WorkdayCalendar().working_days_between(
        timezone.localtime(started).date(), timezone.localtime(replied).date()
    )
    letter.replied_on_time = deadline.due_at >= replied if deadline is not None else None


def sync_due(deadline: Deadline) -> None:
    """Copy the due time of a letter's open reply clock onto the letter (the queue sorts on it)."""
    if deadline.clock != CLOCK or deadline.closed_at is not None:
        return
    Letter.objects.filter(pk=deadline.subject_id).update(reply_due_at=deadline.due_at)


def reopen_reply_clock(letter: Letter, at: datetime | None = None) -> Deadline:
    close_reply_clock(letter)
    return open_reply_clock(letter, started_at=at or timezone.now())


# -- the 3-month guard and the red flag ---------------------------------------------------------


def guard_date(letter: Letter, months: int | None = None) -> date:
    """The last day a valid letter may stay unanswered: ``months`` calendar months from the day
    after it was received (民法典 Arts. 201–203), moved to the next working day on a rest day."""
    months = months if months is not None else InteractionSettings.load().guard_months
    return period_end_in_months(letter.received_on, months)


def days_waiting(letter: Letter, today: date | None = None) -> int:
    return ((today or timezone.localdate()) - letter.received_on).days


@dataclass
class SupervisionResult:
    flagged: int = 0
    alerted: int = 0


def unanswered() -> QuerySet[Letter]:
    """Valid letters without an answer yet (an unscreened letter counts as valid)."""
    return Letter.objects.filter(state__in=OPEN_STATES)


def supervise(now: datetime | None = None) -> SupervisionResult:
    """Flag letters unanswered for the red-flag period; on working days, alert the supervising
    office once a day about every flagged letter (and the handling organisation's lead)."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    config = InteractionSettings.load()
    result = SupervisionResult()
    cutoff = today - timedelta(days=config.red_flag_days)
    for letter in unanswered().filter(red_flag=False, submitted_at__date__lte=cutoff):
        if letter.received_on <= cutoff:
            letter.red_flag = True
            letter.save(update_fields=["red_flag"])
            result.flagged += 1
    if not WorkdayCalendar().is_working_day(today):
        return result
    office = access.supervising_office()
    recipients = office.staff_users(ALL_ROLES) if office else []
    for letter in unanswered().filter(red_flag=True).exclude(alerted_on=today).select_related("organisation"):
        users = list(recipients)
        if letter.organisation is not None:
            users += [u for u in letter.organisation.staff_users(["lead"]) if u not in users]
        notify(
            users,
            "interaction.red_flag",
            _("红色预警：来信 %(number)s“%(title)s”已 %(days)s 天未答复，须在 %(guard)s 前答复。")
            % {
                "number": letter.tracking_number,
                "title": letter.title,
                "days": days_waiting(letter, today),
                "guard": guard_date(letter, config.guard_months).isoformat(),
            },
            "",
            subject=letter,
        )
        letter.alerted_on = today
        letter.save(update_fields=["alerted_on"])
        result.alerted += 1
    return result


# -- near duplicates ----------------------------------------------------------------------------


def _grams(text: str) -> set[str]:
    chars = "".join(ch for ch in text if not ch.isspace() and ch not in "，。、！？；：,.!?;:“”\"'（）()")
    return {chars[i : i + 2] for i in range(len(chars) - 1)} or ({chars} if chars else set())


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the character bigrams of two texts (0–1)."""
    ga, gb = _grams(a), _grams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / len(ga | gb)


DUPLICATE_THRESHOLD = 0.5
DUPLICATE_WINDOW = timedelta(days=90)


def similar_open_letters(
    letter: Letter, limit: int = 5, threshold: float = DUPLICATE_THRESHOLD
) -> list[Letter]:
    """Open letters of the last 90 days that read like this one, most similar first."""
    text = f"{letter.title} {letter.body}"
    since = (letter.submitted_at or timezone.now()) - DUPLICATE_WINDOW
    candidates = (
        Letter.objects.filter(state__in=OPEN_STATES, submitted_at__gte=since)
        .exclude(pk=letter.pk)
        .only("pk", "tracking_number", "title", "body", "state", "submitted_at")
        .order_by("-submitted_at")[:500]
    )
    scored = [(similarity(text, f"{c.title} {c.body}"), c) for c in candidates]
    found = sorted((p for p in scored if p[0] >= threshold), key=lambda p: -p[0])
    for score, candidate in found:
        candidate.similarity = round(score, 2)
    return [c for _score, c in found[:limit]]


def published_replies() -> QuerySet[Letter]:
    return (
        Letter.objects.filter(published=True, state__in=ANSWERED_STATES)
        .select_related("channel", "replied_by")
        .order_by("-replied_at", "-pk")
    )
