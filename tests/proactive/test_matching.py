"""The vectorised matcher equals the per-person evaluator, excludes those already receiving,
counts per area, and its what-if equals a full run of the changed rule."""

import random
from datetime import date, timedelta

import polars as pl
import pytest

from portal.proactive import matching, rules
from portal.proactive.rules import parse

from .helpers import SCHEMA

REFS = rules.reference_dates(date(2025, 3, 10))  # 2025 has no 29 February
COLUMNS = {k: s.type for k, s in SCHEMA.items()}
RULES = [
    "age_on(huji.birth_date, first_of_month) >= 80 and huji.local = true",
    "age_on(huji.birth_date, 2025-02-28) >= 81",
    "age_on(huji.birth_date, run_date) < 3 or huji.children >= 3",
    'canlian.grade in ("1", "2") and not missing(huji.income) and huji.income <= 2000.5',
    'not (canlian.grade = "4" or huji.street = "东街道")',
    "missing(canlian.grade) and days_between(huji.birth_date, run_date) > 20000",
    "huji.income != 1000 and huji.children = 0",
]


def population(n=3000, seed=7):
    rnd = random.Random(seed)
    keys, huji, canlian = [], [], []
    for i in range(n):
        key = f"k{i:05d}"
        keys.append(key)
        born = date(1940, 1, 1) + timedelta(days=rnd.randrange(0, 31000))
        if i % 50 == 0:
            born = date(rnd.choice([1944, 1948, 1956]), 2, 29)
        if i % 61 == 0:
            born = date(1945, 3, 1)  # 80 on the first of the month exactly
        huji.append(
            {
                "birth_date": None if i % 97 == 0 else born.isoformat(),
                "local": rnd.random() < 0.9,
                "street": rnd.choice(["东街道", "西街道"]),
                "community": rnd.choice(["一社区", "二社区", "三社区"]),
                "income": None if i % 13 == 0 else str(rnd.choice([800, 1000, 1500.5, 2000.5, 3000])),
                "children": rnd.randrange(0, 5) if i % 17 else None,
            }
        )
        canlian.append({"grade": rnd.choice(["1", "2", "3", "4"])} if i % 4 == 0 else None)
    frame_h = matching.typed_frame(keys, huji, {k: t for k, t in COLUMNS.items() if k.startswith("huji.")})
    present = [(k, r) for k, r in zip(keys, canlian, strict=True) if r]
    frame_c = matching.typed_frame(
        [k for k, _ in present], [r for _, r in present], {"canlian.grade": "code"}
    )
    return {"huji": frame_h, "canlian": frame_c}


@pytest.mark.parametrize("text", RULES)
def test_vectorised_equals_per_person_on_a_sample(text):
    tree = parse(text)
    rules.check(tree, SCHEMA)
    frame = matching.population(population(), "huji", tree)
    vector = matching.eligible(frame, tree, REFS).to_list()
    rows = frame.to_dicts()
    for i in random.Random(1).sample(range(len(rows)), 1000) + [0, 50, 61, 97]:
        assert vector[i] == rules.evaluate(tree, rows[i], SCHEMA, REFS), (text, rows[i])


def test_leap_day_and_boundary_in_the_frame():
    frame = matching.typed_frame(
        ["a", "b", "c", "d"],
        [{"birth_date": "1944-02-29"}, {"birth_date": "1944-03-01"}, {"birth_date": "1945-03-01"}, {}],
        {"huji.birth_date": "date"},
    )
    ages = frame.select(
        matching._value(parse("age_on(huji.birth_date, 2025-02-28) > 0")["left"], REFS)
    ).to_series()
    assert ages.to_list() == [81, 80, 79, None]
    vector = matching.eligible(frame, parse("age_on(huji.birth_date, first_of_month) >= 80"), REFS).to_list()
    assert vector == [True, True, True, False]
    per_row = pl.Series([date(2024, 2, 29), date(2025, 2, 28)]).to_frame("on")
    both = per_row.with_columns(pl.lit(date(1944, 2, 29)).alias("b")).select(
        matching._age_on(pl.col("b"), pl.col("on"), {"attr": "on"}, REFS)
    )
    assert both.to_series().to_list() == [80, 81]


def test_match_excludes_claimed_and_counts_per_area():
    frames = population(400)
    tree = parse("huji.local = true")
    frame = matching.population(frames, "huji", tree)
    everyone = matching.match(frame, tree, REFS, None, "huji.street", "huji.community")
    claimed = pl.DataFrame({"_key": everyone.keys[:10] + ["not-in-population"]})
    outcome = matching.match(frame, tree, REFS, claimed, "huji.street", "huji.community")
    assert outcome.eligible == everyone.eligible
    assert outcome.claimed == 10
    assert set(outcome.keys) == set(everyone.keys[10:])
    assert sum(r["count"] for r in outcome.by_area) == len(outcome.keys)
    assert {r["street"] for r in outcome.by_area} == {"东街道", "西街道"}
    assert matching.area_counts(frame.head(3), None, None) == [{"street": "", "community": "", "count": 3}]


def test_diff_between_runs():
    assert matching.diff(["a", "b"], ["b", "c"]) == (["c"], ["a"])


def test_what_if_equals_a_full_run_of_the_changed_rule():
    frames = population(2000)
    saved = parse("age_on(huji.birth_date, first_of_month) >= 80")
    changed = parse("age_on(huji.birth_date, first_of_month) >= 75")
    frame = matching.population(frames, "huji", changed)
    rows = matching.what_if(frame, saved, changed, REFS, None, "huji.street", "huji.community")
    full = matching.match(frame, changed, REFS, None, "huji.street", "huji.community").by_area
    assert {(r["street"], r["community"]): r["changed"] for r in rows} == {
        (r["street"], r["community"]): r["count"] for r in full
    }
    assert all(r["delta"] >= 0 for r in rows) and sum(r["delta"] for r in rows) > 0


def test_person_values():
    frame = population(5)["huji"]
    assert matching.person_values(frame, "k00001")["_key"] == "k00001"
    assert matching.person_values(frame, "nobody") is None
