"""The items of the disclosure, profile, notice, topic, picture and video columns, from ``kinds.yaml``.

Each kind lists item templates, each a title with a body written for it. A template's ``period``
says when its items are published and what period they report on, so that the date, the title's
year, month or quarter and the figures in the body agree:

* ``once`` — one item, dated like any other item of the column;
* ``annual`` — one item a year, published in the template's ``month`` (the latest first);
* ``quarterly`` / ``monthly`` — reporting the last quarter or month, published after it ends;
* ``each`` — one item per place, community, street or holiday of the district.

The columns are filled template by template in turn; when every template is used up the column
has no more items, so no title repeats.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from .. import material
from .context import SeedContext

KINDS = material.load("kinds")
QUARTERS = {1: "一季度", 2: "上半年", 3: "前三季度", 4: "全年"}
MAX_YEARS_BACK = 3


@dataclass
class Slot:
    """One item to write: its template, its date and the period it speaks of."""

    template: dict
    when: datetime
    values: dict


def _at(ctx: SeedContext, rng: random.Random, year: int, month: int, day: int) -> datetime | None:
    """An office-hours moment on that day, or None when it is still to come."""
    moment = timezone.make_aware(datetime(year, month, day, rng.randint(9, 17), rng.randint(0, 59)))
    return moment if moment <= ctx.now else None


def _months_back(year: int, month: int, back: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - back
    return index // 12, index % 12 + 1


def _annual(ctx, rng, template, k):
    month, day = template.get("month", 1), rng.randint(5, 15)
    year = ctx.now.year
    if _at(ctx, rng, year, month, day) is None:
        year -= 1
    year -= k
    if ctx.now.year - year > MAX_YEARS_BACK:
        return None
    return _at(ctx, rng, year, month, day), {"year": year, "prev": year - 1, "next": year + 1}


def _monthly(ctx, rng, template, k):
    """Published on the first working days of a month, reporting the month before."""
    day = rng.randint(1, 3)
    year, month = ctx.now.year, ctx.now.month
    if _at(ctx, rng, year, month, day) is None:
        year, month = _months_back(year, month, 1)
    year, month = _months_back(year, month, k)
    if k > 24:
        return None
    ryear, rmonth = _months_back(year, month, 1)
    if "1—{month}月" in template["title"] and rmonth == 1:
        return None  # "1—1月" is just January: the monthly report already says it
    values = {"year": ryear, "prev": ryear - 1, "next": ryear + 1, "month": rmonth, "pmonth": month}
    return _at(ctx, rng, year, month, day), values


def _quarterly(ctx, rng, template, k):
    """Published in the third week after a quarter ends."""
    day = rng.randint(15, 22)
    local = timezone.localtime(ctx.now)
    year, month = local.year, local.month - (local.month - 1) % 3  # this quarter's first month
    if _at(ctx, rng, year, month, day) is None:
        year, month = _months_back(year, month, 3)
    year, month = _months_back(year, month, 3 * k)
    if k > 8:
        return None
    ryear, rmonth = _months_back(year, month, 1)
    quarter = (rmonth - 1) // 3 + 1
    values = {"year": ryear, "prev": ryear - 1, "next": ryear + 1, "q": quarter, "qlabel": QUARTERS[quarter]}
    return _at(ctx, rng, year, month, day), values


def _holiday(ctx, rng, template, k):
    """The k-th latest holiday notice: published a few days before the holiday."""
    occurrences = []
    for year in range(ctx.now.year, ctx.now.year - MAX_YEARS_BACK, -1):
        for h in KINDS["holidays"]:
            when = _at(ctx, rng, year, h["month"], h["day"])
            if when is not None:
                occurrences.append((when, h["name"], year + (1 if h.get("next_year") else 0)))
    occurrences.sort(reverse=True)
    if k >= len(occurrences):
        return None
    when, name, year = occurrences[k]
    return when, {"year": year, "prev": year - 1, "next": year + 1, "holiday": name}


def _each(ctx, template, k):
    """The k-th place, community or street the template is written for."""
    district = material.district()
    lists = {
        "places": [{"place": p} for p in material.load("themes")["places"]],
        "communities": [{"community": c["name"]} for s in district["streets"] for c in s["communities"]],
        "streets": [{"street": s["short_name"]} for s in district["streets"]],
    }
    items = lists[template["each"]]
    return items[k] if k < len(items) else None


def slot(ctx: SeedContext, column, template: dict, k: int, index: int, total: int) -> Slot | None:
    """The k-th item of ``template`` in ``column`` (the index-th of the column), or None if none is left."""
    rng = ctx.rng("slot", column.slug, template["title"], k)
    period = template.get("period", "once")
    if period in ("once", "each"):
        extra = (
            {} if period == "once" else (_each(ctx, template, k) if template["each"] != "holidays" else {})
        )
        if (period == "once" and k) or extra is None:
            return None
        if period == "each" and template["each"] == "holidays":
            found = _holiday(ctx, rng, template, k)
        else:
            found = (_spread(ctx, rng, column, index, total), {})
        if found is None:
            return None
        when, values = found
        values = {**_year_values(when), **extra, **values}
    else:
        found = {"annual": _annual, "monthly": _monthly, "quarterly": _quarterly}[period](
            ctx, rng, template, k
        )
        if found is None or found[0] is None:
            return None
        when, values = found
    return Slot(template, when, values)


def _year_values(when: datetime) -> dict:
    return {"year": when.year, "prev": when.year - 1, "next": when.year + 1, "month": when.month}


def column_span(column, default: int = 700) -> int:
    """How far back the column's items go: a topic column starts on its own start date."""
    starts = getattr(column, "starts_on", None)
    if starts:
        return max(1, min(default, (timezone.localdate() - starts).days))
    return default


def _spread(ctx: SeedContext, rng: random.Random, column, index: int, total: int) -> datetime:
    promised, span = column.promised_days(), column_span(column)
    newest = min(75.0, promised * 0.6 if promised else 75.0, span * 0.5)
    return ctx.spread(rng, index, total, span - newest - 1, newest)


def plan(ctx: SeedContext, column, kind: str, total: int) -> list[Slot]:
    """The column's items: its templates taken in turn until ``total`` or until all are used up."""
    templates = KINDS["kinds"][kind]["items"]
    uses = [0] * len(templates)
    exhausted: set[int] = set()
    slots: list[Slot] = []
    turn = 0
    while len(slots) < total and len(exhausted) < len(templates):
        t = turn % len(templates)
        turn += 1
        if t in exhausted:
            continue
        found = slot(ctx, column, templates[t], uses[t], len(slots), total)
        uses[t] += 1
        if found is None:
            exhausted.add(t)
            continue
        slots.append(found)
    return slots


def kind_style(kind: str, template: dict) -> str:
    return template.get("style") or KINDS["kinds"][kind].get("style", "text")
