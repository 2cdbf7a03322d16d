"""Matching (应享未享) over N synthetic residents × 50 rules, beside the per-person evaluator.

Builds, in memory, the frames the matcher reads from the stored datasets: 户籍 (every resident:
birth date, 户籍在本区, street, community, household type, children, income), 残联 (about 8 %:
grade, kind) and a claims dataset (about 5 % already receiving one of the benefits). Then, in the
same run:

- the full match: the rules' datasets joined once, then for each of 50 rules (age thresholds on
  the first of the month, code lists, decimals, or / not / missing, date arithmetic) eligible
  minus claimed and the counts per street and community — total and per-rule seconds;
- the per-person Python evaluator (:func:`portal.proactive.rules.evaluate`) over a sample of
  ``--sample`` residents for the same rules, extrapolated to N.

    .venv/bin/python bench/proactive/run.py [--residents 1000000] [--sample 10000] [--threads 2]

Ends with one JSON line. Target (issue 17): ≤ 15 s for the full match at 1,000,000 on 2 cores.
No database is touched; loading the frames from the database is not part of the figure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def _args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=17)
    return parser.parse_args()


ARGS = _args() if __name__ == "__main__" else None
if ARGS:
    os.environ.setdefault("POLARS_MAX_THREADS", str(ARGS.threads))

import polars as pl  # noqa: E402 — after POLARS_MAX_THREADS

from portal.proactive import matching, rules  # noqa: E402
from portal.proactive.rules import AttrSpec  # noqa: E402

STREETS = [f"街道{i:02d}" for i in range(1, 9)]
COMMUNITIES = 6  # per street
SCHEMA = {
    "huji.birth_date": AttrSpec("huji.birth_date", "date", "户籍·出生日期"),
    "huji.local": AttrSpec("huji.local", "boolean", "户籍·户籍在本区"),
    "huji.street": AttrSpec("huji.street", "text", "户籍·街道"),
    "huji.community": AttrSpec("huji.community", "text", "户籍·社区"),
    "huji.household": AttrSpec(
        "huji.household", "code", "户籍·户别", {"1": "城镇", "2": "农村", "3": "集体"}
    ),
    "huji.children": AttrSpec("huji.children", "integer", "户籍·子女数"),
    "huji.income": AttrSpec("huji.income", "decimal", "户籍·人均月收入"),
    "canlian.grade": AttrSpec("canlian.grade", "code", "残联·等级", {str(i): f"{i}级" for i in range(1, 5)}),
    "canlian.kind": AttrSpec("canlian.kind", "code", "残联·类别", {str(i): f"类别{i}" for i in range(1, 8)}),
}


def _rand(n: int, seed: int, modulo: int) -> pl.Expr:
    return (pl.int_range(0, n, dtype=pl.UInt64).hash(seed) % modulo).cast(pl.Int64)


def build(n: int, seed: int) -> dict[str, pl.DataFrame]:
    base = pl.select(pl.int_range(0, n, dtype=pl.Int64).alias("i"))
    huji = base.select(
        pl.format("p{}", pl.col("i")).alias(matching.KEY),
        (pl.lit(date(1920, 1, 1)) + pl.duration(days=_rand(n, seed, 38_000))).alias("huji.birth_date"),
        (_rand(n, seed + 1, 100) < 92).alias("huji.local"),
        pl.lit(pl.Series(STREETS)).get(_rand(n, seed + 2, len(STREETS))).alias("huji.street"),
        pl.format("社区{}", _rand(n, seed + 3, COMMUNITIES) + 1).alias("huji._c"),
        (_rand(n, seed + 4, 3) + 1).cast(pl.Utf8).alias("huji.household"),
        pl.when(_rand(n, seed + 5, 50) == 0)
        .then(None)
        .otherwise(_rand(n, seed + 6, 5))
        .alias("huji.children"),
        pl.when(_rand(n, seed + 7, 40) == 0)
        .then(None)
        .otherwise(_rand(n, seed + 8, 800_000) / 100.0)
        .alias("huji.income"),
    )
    huji = huji.with_columns(
        pl.format("{}{}", pl.col("huji.street"), pl.col("huji._c")).alias("huji.community")
    ).drop("huji._c")
    picked = base.filter(_rand(n, seed + 9, 100) < 8)
    m = picked.height
    canlian = picked.select(
        pl.format("p{}", pl.col("i")).alias(matching.KEY),
        (pl.int_range(0, m, dtype=pl.UInt64).hash(seed + 10) % 4 + 1).cast(pl.Utf8).alias("canlian.grade"),
        (pl.int_range(0, m, dtype=pl.UInt64).hash(seed + 11) % 7 + 1).cast(pl.Utf8).alias("canlian.kind"),
    )
    claims = base.filter(_rand(n, seed + 12, 100) < 5).select(
        pl.format("p{}", pl.col("i")).alias(matching.KEY),
        pl.format("b{}", pl.col("i") % 50).alias("claims.benefit"),
    )
    return {"huji": huji, "canlian": canlian, "claims": claims}


def rule_texts() -> list[str]:
    out = []
    for age in (60, 65, 70, 75, 80, 85, 90, 95, 99, 100):
        out.append(f"age_on(huji.birth_date, first_of_month) >= {age} and huji.local = true")
    for grade in ("1", "2", "3", "4"):
        out.append(f'canlian.grade in ("{grade}") and huji.local = true')
        out.append(f'canlian.grade in ("1", "{grade}") and huji.income < 3000.5')
    for limit in (1000, 1500.5, 2000, 2500, 3000, 4000):
        out.append(f"huji.income <= {limit} and huji.local = true and not missing(huji.income)")
    for kids in (1, 2, 3):
        out.append(f"huji.children >= {kids} and age_on(huji.birth_date, run_date) < 45")
        out.append(f'(huji.children = {kids} or huji.household = "2") and huji.local = true')
    for code in ("1", "2", "3"):
        out.append(f'huji.household = "{code}" and age_on(huji.birth_date, first_of_month) >= 70')
        out.append(f'not (huji.household = "{code}" or canlian.grade in ("3", "4")) and huji.income < 2000')
    for days in (365, 730, 1095):
        out.append(f"days_between(huji.birth_date, run_date) <= {days} and huji.local = true")
    for kind in ("1", "2", "3", "4", "5", "6"):
        out.append(f'canlian.kind = "{kind}" and age_on(huji.birth_date, first_of_month) >= 16')
    out += [
        "missing(huji.children) and huji.local = true",
        "missing(canlian.grade) and age_on(huji.birth_date, first_of_month) >= 80 and huji.income < 2500",
        'age_on(huji.birth_date, 2025-02-28) >= 80 or canlian.grade = "1"',
        "huji.birth_date >= 2020-01-01 and huji.birth_date < 2023-01-01",
        'huji.local = false and (canlian.grade in ("1", "2") or huji.income < 800)',
        "age_on(huji.birth_date, first_of_month) >= 60 and age_on(huji.birth_date, first_of_month) < 70 and huji.income < 1500",
    ]
    return out[:50]


def main() -> None:
    n = ARGS.residents
    refs = rules.reference_dates(date(2026, 3, 15))
    trees = [rules.parse(t) for t in rule_texts()]
    for tree in trees:
        rules.check(tree, SCHEMA)

    t0 = time.perf_counter()
    frames = build(n, ARGS.seed)
    build_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    frame = matching.population(frames, "huji", {"op": "and", "args": trees})
    join_s = time.perf_counter() - t0
    per_rule = []
    for number, tree in enumerate(trees):
        start = time.perf_counter()
        claimed = frames["claims"].filter(pl.col("claims.benefit") == f"b{number}")
        outcome = matching.match(frame, tree, refs, claimed, "huji.street", "huji.community")
        per_rule.append(
            {
                "rule": number,
                "seconds": round(time.perf_counter() - start, 4),
                "eligible": outcome.eligible,
                "matched": len(outcome.keys),
                "areas": len(outcome.by_area),
            }
        )
    match_s = join_s + sum(r["seconds"] for r in per_rule)

    sample = frame.sample(n=min(ARGS.sample, frame.height), seed=ARGS.seed)
    rows = sample.to_dicts()
    start = time.perf_counter()
    disagreements = 0
    vectors = [matching.eligible(sample, tree, refs).to_list() for tree in trees]
    for row_index, row in enumerate(rows):
        for rule_index, tree in enumerate(trees):
            if rules.evaluate(tree, row, SCHEMA, refs) != vectors[rule_index][row_index]:
                disagreements += 1
    python_sample_s = time.perf_counter() - start
    python_extrapolated_s = python_sample_s * n / max(len(rows), 1)

    print(
        f"residents {n:,}  canlian {frames['canlian'].height:,}  claims {frames['claims'].height:,}  threads {ARGS.threads}"
    )
    print(f"synthetic frames built in {build_s:.2f} s (not counted)")
    print(f"join of the datasets: {join_s:.3f} s")
    for row in per_rule:
        print(
            f"  rule {row['rule']:2d}  {row['seconds']:.4f} s  eligible {row['eligible']:>9,}  matched {row['matched']:>9,}  {rule_texts()[row['rule']]}"
        )
    print(f"full match, 50 rules: {match_s:.2f} s")
    print(
        f"per-person Python on {len(rows):,}: {python_sample_s:.2f} s → {python_extrapolated_s:.0f} s extrapolated to {n:,}"
        f" ({python_extrapolated_s / match_s:.0f}× slower); disagreements {disagreements}"
    )
    print(
        json.dumps(
            {
                "bench": "proactive",
                "residents": n,
                "rules": len(trees),
                "threads": ARGS.threads,
                "match_seconds": round(match_s, 3),
                "join_seconds": round(join_s, 3),
                "slowest_rule_seconds": max(r["seconds"] for r in per_rule),
                "python_sample": len(rows),
                "python_sample_seconds": round(python_sample_s, 3),
                "python_extrapolated_seconds": round(python_extrapolated_s, 1),
                "disagreements": disagreements,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
