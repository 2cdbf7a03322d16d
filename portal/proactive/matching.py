"""Vectorised matching (应享未享) with polars: a rule's tree compiled to one polars expression and
evaluated over the whole population at once; eligible minus already receiving, counted per street
and community; the difference from the previous run; the what-if of a changed rule.

Frames have one row per person: ``_key`` (the blind index of the ID number) and one typed column
per attribute named ``dataset.attribute`` (``Date``, ``Int64``, ``Float64``, ``Boolean``, ``Utf8``).
The readings of ages and missing values are those of :mod:`.rules`, so the result equals the
per-person evaluator's (a test checks it on a random sample).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from functools import reduce

import polars as pl

from . import rules

KEY = "_key"
DTYPES = {
    "text": pl.Utf8,
    "code": pl.Utf8,
    "integer": pl.Int64,
    "decimal": pl.Float64,
    "date": pl.Date,
    "boolean": pl.Boolean,
}


def _value(value: dict, refs: dict) -> pl.Expr:
    if "attr" in value:
        return pl.col(value["attr"])
    if "ref" in value:
        return pl.lit(refs[value["ref"]], dtype=pl.Date)
    if "date" in value:
        return pl.lit(date.fromisoformat(value["date"]), dtype=pl.Date)
    if "fn" in value:
        born, on = (_value(a, refs) for a in value["args"])
        if value["fn"] == "days_between":
            return (on - born).dt.total_days()
        return _age_on(born, on, value["args"][1], refs)
    return pl.lit(value["const"])


def _age_on(born: pl.Expr, on: pl.Expr, on_node: dict, refs: dict) -> pl.Expr:
    """Completed years; a 29 February birthday falls on 28 February in a year without one."""
    if "ref" in on_node or "date" in on_node:  # the usual case: one reference date for everyone
        day = refs[on_node["ref"]] if "ref" in on_node else date.fromisoformat(on_node["date"])
        leap = calendar.isleap(day.year)
        b_month, b_day = born.dt.month(), born.dt.day()
        if not leap:
            b_day = pl.when((b_month == 2) & (b_day == 29)).then(pl.lit(28, dtype=pl.Int8)).otherwise(b_day)
        before = (b_month > day.month) | ((b_month == day.month) & (b_day > day.day))
        return pl.lit(day.year) - born.dt.year().cast(pl.Int64) - before.cast(pl.Int64)
    b_month, b_day = born.dt.month(), born.dt.day()
    b_day = (
        pl.when((b_month == 2) & (b_day == 29) & ~on.dt.is_leap_year())
        .then(pl.lit(28, dtype=pl.Int8))
        .otherwise(b_day)
    )
    o_month, o_day = on.dt.month(), on.dt.day()
    before = (b_month > o_month) | ((b_month == o_month) & (b_day > o_day))
    return on.dt.year().cast(pl.Int64) - born.dt.year().cast(pl.Int64) - before.cast(pl.Int64)


_OPS = {
    ">=": lambda a, b: a >= b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    "<": lambda a, b: a < b,
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def compile_rule(node: dict, refs: dict) -> pl.Expr:
    """One boolean polars expression, never null (a missing value makes a test not met)."""
    op = node["op"]
    if op == "and":
        return reduce(lambda a, b: a & b, (compile_rule(a, refs) for a in node["args"]))
    if op == "or":
        return reduce(lambda a, b: a | b, (compile_rule(a, refs) for a in node["args"]))
    if op == "not":
        return ~compile_rule(node["arg"], refs)
    if op == "missing":
        return _value(node["value"], refs).is_null()
    if op == "in":
        codes = [str(c) for c in node["codes"]]
        return _value(node["value"], refs).cast(pl.Utf8).is_in(codes).fill_null(False)
    left, right = node["left"], node["right"]
    a, b = _value(left, refs), _value(right, refs)
    if "const" in right and isinstance(right["const"], str):
        a = a.cast(pl.Utf8)
    return _OPS[node["cmp"]](a, b).fill_null(False)


def population(frames: dict[str, pl.DataFrame], base: str, node: dict | None = None) -> pl.DataFrame:
    """The base dataset's frame with every other dataset the rule names joined on ``_key``."""
    frame = frames[base]
    needed = {key.split(".", 1)[0] for key in rules.attributes(node or {})} - {base}
    for name in sorted(needed):
        frame = frame.join(frames[name], on=KEY, how="left")
    return frame


def eligible(frame: pl.DataFrame, node: dict, refs: dict) -> pl.Series:
    return frame.select(compile_rule(node, refs).alias("ok")).to_series()


@dataclass
class Outcome:
    eligible: int
    claimed: int
    keys: list[str]
    by_area: list[dict] = field(default_factory=list)  # {"street", "community", "count"}


def match(
    frame: pl.DataFrame,
    node: dict,
    refs: dict,
    claimed: pl.DataFrame | None = None,
    street: str | None = None,
    community: str | None = None,
) -> Outcome:
    """Eligible people minus those in ``claimed`` (a frame with ``_key``), counted per area."""
    hits = frame.filter(compile_rule(node, refs))
    n_eligible = hits.height
    if claimed is not None and claimed.height:
        hits = hits.join(claimed.select(KEY).unique(), on=KEY, how="anti")
    return Outcome(
        eligible=n_eligible,
        claimed=n_eligible - hits.height,
        keys=sorted(hits.get_column(KEY).to_list()),
        by_area=area_counts(hits, street, community),
    )


def area_counts(hits: pl.DataFrame, street: str | None, community: str | None) -> list[dict]:
    cols = [c for c in (street, community) if c]
    if not cols:
        return [{"street": "", "community": "", "count": hits.height}] if hits.height else []
    grouped = hits.group_by(cols).agg(pl.len().alias("count")).sort(cols, nulls_last=True)
    return [
        {"street": row.get(street) or "", "community": row.get(community) or "", "count": row["count"]}
        for row in grouped.to_dicts()
    ]


def diff(previous: list[str], current: list[str]) -> tuple[list[str], list[str]]:
    """(newly eligible, no longer eligible) between two runs' keys."""
    before, after = set(previous), set(current)
    return sorted(after - before), sorted(before - after)


def what_if(
    frame: pl.DataFrame,
    saved: dict,
    changed: dict,
    refs: dict,
    claimed: pl.DataFrame | None = None,
    street: str | None = None,
    community: str | None = None,
) -> list[dict]:
    """Per area: how many are matched under the saved rule and under the changed one."""
    old = {
        (r["street"], r["community"]): r["count"]
        for r in match(frame, saved, refs, claimed, street, community).by_area
    }
    new = {
        (r["street"], r["community"]): r["count"]
        for r in match(frame, changed, refs, claimed, street, community).by_area
    }
    rows = []
    for area in sorted(set(old) | set(new)):
        rows.append(
            {
                "street": area[0],
                "community": area[1],
                "saved": old.get(area, 0),
                "changed": new.get(area, 0),
                "delta": new.get(area, 0) - old.get(area, 0),
            }
        )
    return rows


def typed_frame(keys: list[str], rows: list[dict], columns: dict[str, str]) -> pl.DataFrame:
    """A frame from stored JSON values (dates as ISO text, decimals as text) typed by the schema."""
    data = {KEY: pl.Series(KEY, keys, dtype=pl.Utf8)}
    for name, kind in columns.items():
        attr = name.split(".", 1)[1]
        raw = [row.get(attr) for row in rows]
        if kind == "date":
            series = pl.Series(name, raw, dtype=pl.Utf8).str.to_date("%Y-%m-%d", strict=False)
        elif kind == "decimal":
            series = pl.Series(name, [None if v is None else str(v) for v in raw], dtype=pl.Utf8).cast(
                pl.Float64
            )
        elif kind in ("text", "code"):
            series = pl.Series(name, [None if v is None else str(v) for v in raw], dtype=pl.Utf8)
        else:
            series = pl.Series(name, raw, dtype=DTYPES[kind])
        data[name] = series
    return pl.DataFrame(data)


def person_values(frame: pl.DataFrame, key: str) -> dict | None:
    """One person's row as ``{"dataset.attribute": value}`` for the explanation."""
    row = frame.filter(pl.col(KEY) == key)
    return row.to_dicts()[0] if row.height else None
