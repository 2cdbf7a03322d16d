"""Statistics of the letters (统计公开), by organisation and by month, from one aggregate query.

Every figure is read from columns stored on the letter when it changes state (the month of
receipt, the reply's working days and whether it came by the due time). Each save of a letter
moves its contribution between rows of :class:`~.models.LetterFigures` (one per organisation and
month), so the page reads those few rows; :func:`rebuild_figures` recomputes them from the
letters with one aggregate query (an ordered scan of a covering index grouped by organisation and
month) — nightly, after a bulk import, and in the migration that introduced them.

Definitions (docs/interaction-statistics.md):

- 收到 received: letters received in the period (by the month of receipt);
- 受理 accepted: of those, letters accepted (neither waiting for screening nor screened out);
- 已答复 answered: letters answered (答复已发送 or 已办结; a reopened letter counts again once
  answered again);
- 按期答复率 on-time rate: answered by the due time of the clock answered ÷ answered;
- 平均答复用时 average working days from the start of that clock to the reply;
- 满意率 satisfaction: 满意 + 基本满意 ÷ letters the writer rated.

Workload-fair table: the on-time rate with its Wilson score 95 % interval, the average days with a
Student-t 95 % interval of the mean, sorted by the interval's pessimistic end (the lower bound of
the on-time rate, then the upper bound of the days) — an office with 3 letters cannot rank above
one with 3,000 by luck alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.models import Organisation
from portal.core.workdays import add_months

from .models import ANSWERED_STATES, FIGURE_COUNTS, Letter, LetterFigures

#: The normal quantile of a two-sided 95 % interval.
Z95 = 1.959964
#: Two-sided 95 % Student-t quantiles by degrees of freedom (the nearest lower row is used).
T95 = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
    12: 2.179,
    15: 2.131,
    20: 2.086,
    25: 2.060,
    30: 2.042,
    40: 2.021,
    60: 2.000,
    120: 1.980,
}
MONTHS = 12


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of a proportion (0–1), or None without observations."""
    if n <= 0:
        return None
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def t_quantile(df: int) -> float:
    if df <= 0:
        return math.inf
    rows = [k for k in T95 if k <= df]
    return T95[max(rows)] if df <= max(T95) else Z95


def mean_interval(total: float, squares: float, n: int) -> tuple[float, float] | None:
    """A 95 % interval of a mean from the sum and sum of squares of ``n`` values (None for n < 2)."""
    if n < 2:
        return None
    mean = total / n
    variance = max(0.0, (squares - n * mean * mean) / (n - 1))
    half = t_quantile(n - 1) * math.sqrt(variance / n)
    return max(0.0, mean - half), mean + half


@dataclass
class Figures:
    """The counts of one row (an organisation, a month, or everything)."""

    label: str = ""
    key: object = None
    received: int = 0
    accepted: int = 0
    answered: int = 0
    on_time: int = 0
    timed: int = 0
    days_total: int = 0
    days_squares: int = 0
    days_n: int = 0
    rated: int = 0
    satisfied: int = 0

    COUNTS = FIGURE_COUNTS

    def add(self, row: dict) -> None:
        for name in self.COUNTS:
            setattr(self, name, getattr(self, name) + (row.get(name) or 0))

    @staticmethod
    def _percent(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def on_time_rate(self) -> float | None:
        return self._percent(self.on_time, self.timed)

    @property
    def on_time_band(self) -> tuple[float, float] | None:
        band = wilson(self.on_time, self.timed)
        return (round(100 * band[0], 1), round(100 * band[1], 1)) if band else None

    @property
    def average_days(self) -> float | None:
        return round(self.days_total / self.days_n, 1) if self.days_n else None

    @property
    def days_band(self) -> tuple[float, float] | None:
        band = mean_interval(self.days_total, self.days_squares, self.days_n)
        return (round(band[0], 1), round(band[1], 1)) if band else None

    @property
    def satisfaction_rate(self) -> float | None:
        return self._percent(self.satisfied, self.rated)

    def fair_key(self):
        """Pessimistic end first: the on-time rate's lower bound (higher is better), then the
        days' upper bound (lower is better), then volume."""
        band = wilson(self.on_time, self.timed)
        days = mean_interval(self.days_total, self.days_squares, self.days_n)
        return (-(band[0] if band else -1), days[1] if days else math.inf, -self.timed, self.label)


@dataclass
class Statistics:
    since: date
    until: date
    total: Figures
    by_organisation: list[Figures] = field(default_factory=list)
    by_month: list[Figures] = field(default_factory=list)

    @property
    def fair(self) -> list[Figures]:
        return sorted((f for f in self.by_organisation if f.timed), key=Figures.fair_key)


def first_month(today: date, months: int = MONTHS) -> date:
    return add_months(today.replace(day=1), -(months - 1))


def grouped_rows(since: date | None = None):
    """One row per (organisation, month of receipt) since ``since``: the aggregate query."""
    answered = Q(state__in=ANSWERED_STATES)
    days = answered & Q(reply_working_days__isnull=False)
    letters = Letter.objects.filter(received_month__isnull=False)
    if since is not None:
        letters = letters.filter(received_month__gte=since)
    return (
        letters.order_by()
        .values("organisation_id", "received_month")
        .annotate(
            received=Count("pk"),
            accepted=Count("pk", filter=~Q(state__in=("submitted", "screened_out"))),
            answered=Count("pk", filter=answered),
            on_time=Count("pk", filter=answered & Q(replied_on_time=True)),
            timed=Count("pk", filter=answered & Q(replied_on_time__isnull=False)),
            days_total=Sum("reply_working_days", filter=days),
            days_squares=Sum(F("reply_working_days") * F("reply_working_days"), filter=days),
            days_n=Count("reply_working_days", filter=days),
            rated=Count("pk", filter=~Q(satisfaction="")),
            satisfied=Count(
                "pk",
                filter=Q(satisfaction__in=(Letter.Satisfaction.SATISFIED, Letter.Satisfaction.BASIC)),
            ),
        )
    )


def stored_rows(since: date):
    """The same rows, from the kept counts."""
    rows = LetterFigures.objects.filter(month__gte=since).values("organisation_key", "month", *FIGURE_COUNTS)
    for row in rows:
        row["organisation_id"], row["received_month"] = row.pop("organisation_key") or None, row.pop("month")
        yield row


@transaction.atomic
def rebuild_figures() -> int:
    """Recompute every kept count from the letters; returns the number of rows."""
    LetterFigures.objects.all().delete()
    rows = [
        LetterFigures(
            organisation_key=row["organisation_id"] or 0,
            month=row["received_month"],
            **{name: row[name] or 0 for name in FIGURE_COUNTS},
        )
        for row in grouped_rows()
    ]
    LetterFigures.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def compute(today: date | None = None, months: int = MONTHS, from_letters: bool = False) -> Statistics:
    """The statistics of the ``months`` months up to ``today``, from the kept counts (or, with
    ``from_letters``, straight from the letters)."""
    today = today or timezone.localdate()
    since = first_month(today, months)
    month_keys = [add_months(since, i) for i in range(months)]
    by_month = {m: Figures(label=f"{m.year}-{m.month:02d}", key=m) for m in month_keys}
    by_org: dict[int | None, Figures] = {}
    total = Figures(label=_("合计"))
    for row in grouped_rows(since) if from_letters else stored_rows(since):
        total.add(row)
        month = row["received_month"]
        if month in by_month:
            by_month[month].add(row)
        org_id = row["organisation_id"]
        by_org.setdefault(org_id, Figures(key=org_id)).add(row)
    names = dict(Organisation.objects.filter(pk__in=[k for k in by_org if k]).values_list("pk", "name"))
    for org_id, figures in by_org.items():
        figures.label = names.get(org_id, "") if org_id else _("尚未转办")
    organisations = sorted((f for f in by_org.values() if f.key), key=lambda f: (-f.received, f.label)) + [
        f for f in by_org.values() if not f.key
    ]
    return Statistics(
        since=since,
        until=today,
        total=total,
        by_organisation=organisations,
        by_month=list(by_month.values()),
    )


def naive_compute(today: date | None = None, months: int = MONTHS) -> list[Figures]:
    """The per-organisation loop the aggregate query replaces (for the benchmark only)."""
    today = today or timezone.localdate()
    since = first_month(today, months)
    result = []
    for org in Organisation.objects.order_by("pk"):
        letters = Letter.objects.filter(received_month__gte=since, organisation=org)
        answered = letters.filter(state__in=ANSWERED_STATES)
        figures = Figures(label=org.name, key=org.pk)
        figures.received = letters.count()
        figures.accepted = letters.exclude(state__in=("submitted", "screened_out")).count()
        figures.answered = answered.count()
        figures.on_time = answered.filter(replied_on_time=True).count()
        figures.timed = answered.filter(replied_on_time__isnull=False).count()
        days = list(answered.exclude(reply_working_days=None).values_list("reply_working_days", flat=True))
        figures.days_total, figures.days_n = sum(days), len(days)
        figures.days_squares = sum(d * d for d in days)
        figures.rated = letters.exclude(satisfaction="").count()
        figures.satisfied = letters.filter(satisfaction__in=("satisfied", "basic")).count()
        result.append(figures)
    return result
