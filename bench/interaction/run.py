"""The statistics page (统计公开) and the supervision queue (督办) over 1,000,000 letters.

Builds a throwaway SQLite database (migrated, then filled with raw ``executemany`` in batches)
with ~60 organisations, then times, over ``--runs`` runs each: the statistics page (the aggregate
query and the rendered template), the supervision queue's first page under several filters, and
the naive per-organisation loop the aggregate query replaces. Ends with one JSON line.

    .venv/bin/python bench/interaction/run.py [--letters 1000000] [--runs 20] [--slow-runs 5] [--keep]

Not part of CI. About 3–5 minutes on an idle 2-core machine: filling the table (indexes built
after the rows) and the naive loop (seconds per run at 1M letters, hence ``--slow-runs``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics as pystats
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
SCRATCH = Path(tempfile.mkdtemp(prefix="interaction-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402

from portal.core.models import Organisation  # noqa: E402
from portal.interaction import statistics, views  # noqa: E402
from portal.interaction.admin_views import filtered_letters  # noqa: E402
from portal.interaction.models import Channel, Letter  # noqa: E402

ORGANISATIONS = 60
BATCH = 20_000
TODAY = date.today()
# (state, weight): most letters of 14 months are answered and closed
STATES = [
    ("closed", 62),
    ("sent", 14),
    ("screened_out", 6),
    ("handling", 5),
    ("assigned", 4),
    ("drafted", 3),
    ("reviewed", 2),
    ("reopened", 1),
    ("accepted", 2),
    ("submitted", 1),
]
CHANNELS = [("mailbox", "领导信箱", 10), ("consultation", "业务咨询", 5), ("complaint", "投诉建议", 15)]
OPEN = {"submitted", "accepted", "assigned", "handling", "drafted", "reviewed", "reopened"}


class NoMigrations(dict):
    def __contains__(self, item):
        return True

    def __getitem__(self, item):
        return None


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def organisations() -> list[int]:
    district = Organisation.objects.filter(kind="district").first() or Organisation.objects.create(
        name="示范区人民政府", slug="district", kind="district", code="11999900DISTRICT0X"
    )
    ids = []
    for i in range(ORGANISATIONS - 1):
        org = Organisation.objects.create(
            name=f"区第{i + 1}局",
            slug=f"bench-{i + 1}",
            code=f"11999900BENCH{i:04d}X",
            kind="department",
            parent=district,
            sort_order=i,
        )
        ids.append(org.pk)
    return ids


def fill(total: int, org_ids: list[int]) -> float:
    """Insert ``total`` letters with raw executemany; returns seconds taken."""
    prototype = Letter(
        tracking_number="x", query_code_hash="x", channel=Channel.objects.first(), title="t", body="b"
    )
    prototype.submitted_at = datetime.now(UTC)
    fixed = {}
    for f in Letter._meta.local_concrete_fields:
        if f.primary_key:
            continue
        fixed[f.column] = f.get_db_prep_save(f.pre_save(prototype, True), connection)
    varying = [
        "tracking_number",
        "submitted_at",
        "received_month",
        "state",
        "organisation_id",
        "channel_id",
        "title",
        "accepted_at",
        "replied_at",
        "reply_working_days",
        "replied_on_time",
        "satisfaction",
        "reply_due_at",
        "red_flag",
        "published",
    ]
    columns = varying + [c for c in fixed if c not in varying]
    constant = [fixed[c] for c in columns[len(varying) :]]
    placeholders = ", ".join(["?"] * len(columns))
    sql = f"INSERT INTO interaction_letter ({', '.join(columns)}) VALUES ({placeholders})"
    channels = list(Channel.objects.values_list("pk", flat=True))
    states, weights = zip(*STATES, strict=True)
    # a few large offices and many small ones: the fair table's point
    org_weights = [200 if i < 3 else (30 if i < 20 else 3) for i in range(len(org_ids))]
    rng = random.Random(14)
    now = datetime.now(UTC)
    started = time.perf_counter()
    generating = 0.0
    connection.ensure_connection()
    raw = connection.connection  # the sqlite3 connection itself: no wrappers per batch
    raw.execute("PRAGMA synchronous=OFF")
    raw.execute("PRAGMA cache_size=-400000")
    # fill without the table's indexes, then build each index once (a sort instead of 1M inserts)
    indexes = [
        sql
        for (sql,) in raw.execute(
            "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name='interaction_letter' AND sql IS NOT NULL"
        )
    ]
    for (name,) in raw.execute(
        "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='interaction_letter' AND sql IS NOT NULL"
    ).fetchall():
        raw.execute(f'DROP INDEX "{name}"')
    with raw:
        cursor = raw.cursor()
        for start in range(0, total, BATCH):
            rows = []
            g0 = time.perf_counter()
            for n in range(start, min(total, start + BATCH)):
                state = rng.choices(states, weights)[0]
                submitted = now - timedelta(seconds=rng.randrange(0, 425 * 86400))
                local = submitted + timedelta(hours=8)
                org = (
                    None
                    if state in ("submitted", "accepted", "screened_out")
                    else rng.choices(org_ids, org_weights)[0]
                )
                accepted = (
                    submitted + timedelta(hours=20) if state not in ("submitted", "screened_out") else None
                )
                replied = days = on_time = due = None
                satisfaction = ""
                if state in ("sent", "closed"):
                    days = min(60, int(rng.expovariate(1 / 5)) + 1)
                    replied = accepted + timedelta(days=days * 7 // 5)
                    on_time = days <= 10
                    if state == "closed":
                        satisfaction = rng.choice(["satisfied", "satisfied", "satisfied", "basic"])
                elif state in OPEN and accepted is not None:
                    due = accepted + timedelta(days=14)
                if state == "reopened":
                    satisfaction = "dissatisfied"
                rows.append(
                    [
                        f"HD{n:010d}",
                        _ts(submitted),
                        local.date().replace(day=1).isoformat(),
                        state,
                        org,
                        channels[n % len(channels)],
                        f"来信{n}",
                        _ts(accepted) if accepted else None,
                        _ts(replied) if replied else None,
                        days,
                        on_time,
                        satisfaction,
                        _ts(due) if due else None,
                        state in OPEN and (now - submitted).days > 60,
                        state in ("sent", "closed") and n % 3 == 0,
                        *constant,
                    ]
                )
            generating += time.perf_counter() - g0
            cursor.executemany(sql, rows)
    indexing = time.perf_counter()
    with raw:
        for statement in indexes:
            raw.execute(statement)
    print(f"building {len(indexes)} indexes took {time.perf_counter() - indexing:.1f} s", file=sys.stderr)
    raw.execute("ANALYZE")
    print(f"generating rows took {generating:.1f} s", file=sys.stderr)
    return time.perf_counter() - started


def timed(fn, runs: int) -> dict:
    samples = []
    fn()  # warm the page cache of SQLite and Python's imports
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return {
        "p50": round(pystats.median(samples), 1),
        "p95": round(samples[min(len(samples) - 1, int(round(0.95 * len(samples))) - 1)], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--slow-runs",
        type=int,
        default=5,
        help="runs of the naive loop and the direct aggregate (seconds each)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    try:
        t0 = time.perf_counter()
        # the schema straight from the models (the migrations' history is not what is measured)
        settings.MIGRATION_MODULES = NoMigrations()
        call_command("migrate", run_syncdb=True, verbosity=0)
        for key, name, days in CHANNELS:
            Channel.objects.create(key=key, name=name, reply_days=days)
        migrate_s = time.perf_counter() - t0
        org_ids = organisations()
        fill_s = fill(args.letters, org_ids)
        t0 = time.perf_counter()
        figure_rows = statistics.rebuild_figures()
        rebuild_s = time.perf_counter() - t0
        superuser = get_user_model().objects.create_superuser("bench", "bench@example.org", "x")

        def stats_page():
            # the page's content: the figures, the charts and every table (not the site frame)
            context = views.statistics_context()
            for rows in (context["stats"].by_month, context["stats"].by_organisation):
                render_to_string("interaction/includes/stats_table.html", {"rows": rows})
            [(f.on_time_band, f.days_band) for f in context["stats"].fair]

        filters = [
            {},
            {"state": "handling"},
            {"state": "open"},
            {"organisation": str(org_ids[5])},
            {"red": "1"},
            {"overdue": "1", "organisation": str(org_ids[0])},
        ]
        position = {"i": 0}

        def queue_page():
            params = filters[position["i"] % len(filters)]
            position["i"] += 1
            page = Paginator(filtered_letters(superuser, params), 50).get_page(1)
            list(page.object_list)

        result = {
            "letters": Letter.objects.count(),
            "organisations": len(org_ids) + 1,
            "migrate_s": round(migrate_s, 1),
            "fill_s": round(fill_s, 1),
            "rebuild_figures_s": round(rebuild_s, 2),
            "figure_rows": figure_rows,
            "runs": args.runs,
            "slow_runs": args.slow_runs,
        }
        stats = timed(stats_page, args.runs)
        direct = timed(lambda: statistics.compute(from_letters=True), args.slow_runs)
        queue = timed(queue_page, max(args.runs, 4 * len(filters)))
        baseline = timed(statistics.naive_compute, args.slow_runs)
        check = statistics.compute()
        naive = {f.key: f.received for f in statistics.naive_compute()}
        assert vars(check.total) == vars(statistics.compute(from_letters=True).total)
        assert all(naive.get(f.key, 0) == f.received for f in check.by_organisation if f.key)
        result.update(
            stats_p50_ms=stats["p50"],
            stats_p95_ms=stats["p95"],
            aggregate_query_p50_ms=direct["p50"],
            aggregate_query_p95_ms=direct["p95"],
            queue_p50_ms=queue["p50"],
            queue_p95_ms=queue["p95"],
            baseline_stats_p50_ms=baseline["p50"],
            baseline_stats_p95_ms=baseline["p95"],
        )
        print(json.dumps(result, ensure_ascii=False))
    finally:
        connection.close()
        if not args.keep:
            shutil.rmtree(SCRATCH, ignore_errors=True)
        else:
            print(f"scratch database kept in {SCRATCH}", file=sys.stderr)


if __name__ == "__main__":
    main()
