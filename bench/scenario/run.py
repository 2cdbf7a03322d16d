"""Evaluate every scenario flow of the database over all answer combinations.

Prints one JSON line: combinations evaluated, evaluations per second, and the largest flow's
worst case (the slowest single evaluation, including its combined plan from the database).

    DJANGO_SETTINGS_MODULE=portal.settings.dev .venv/bin/python bench/scenario/run.py
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from portal.services import flows, services  # noqa: E402


def main() -> None:
    parsed = [(f.slug, services.parsed(f)) for f in services.live_flows()]
    total, started = 0, time.perf_counter()
    for _slug, flow in parsed:
        for answers in flows.combinations(flow):
            flows.evaluate(flow, answers)
            total += 1
    elapsed = time.perf_counter() - started
    slug, largest = max(parsed, key=lambda p: len(list(flows.combinations(p[1]))))
    worst, worst_answers = 0.0, None
    for answers in flows.combinations(largest):
        t0 = time.perf_counter()
        outcome = flows.evaluate(largest, answers)
        services.build_plan(outcome.items)
        took = time.perf_counter() - t0
        if took > worst:
            worst, worst_answers = took, answers
    print(
        json.dumps(
            {
                "flows": len(parsed),
                "evaluations": total,
                "evaluations_per_second": round(total / elapsed) if elapsed else None,
                "largest_flow": slug,
                "largest_flow_combinations": len(list(flows.combinations(largest))),
                "worst_case_ms_with_plan": round(worst * 1000, 2),
                "worst_case_answers": worst_answers,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
