"""Soak: many anonymous readers plus editors publishing, on the real stack, for a bounded time.

    .venv/bin/python bench/pageviews/soak.py --duration 600 --users 200 \\
        [--database-url postgres://postgres@127.0.0.1:5432/portal_soak] [--scale 0.5]

Starts the stack of stack.py (gunicorn with production settings, Varnish in front; PostgreSQL when
``--database-url`` names an empty database), runs locust headless with ``locustfile.py`` (mixed
traffic: home, columns, articles, policy documents, search, feeds, 繁體 and elderly variants)
against Varnish, and meanwhile publishes an edited article every ``--publish-every`` seconds from
this process (purged on commit) for each of ``--editors``. Prints requests, errors and p50/p99
per kind, then one JSON line; the targets are 0 errors, p99 ≤ 200 ms for cached pages and
≤ 500 ms for search. All readers share one loopback address, so the search rate limit is raised
for the run. A manual target: never run in CI.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import Stack  # noqa: E402

HERE = Path(__file__).resolve().parent


def _urls():
    from portal.disclosure.models import PolicyDocumentPage
    from portal.pages.models import ArticlePage, ColumnPage, HomePage

    home = HomePage.objects.get(locale__language_code="zh-hans")
    return {
        "home": home.url,
        "columns": [c.url for c in ColumnPage.objects.live().descendant_of(home)][:40],
        "articles": [a.url for a in ArticlePage.objects.live().descendant_of(home).order_by("-date")[:300]],
        "policies": [p.url for p in PolicyDocumentPage.objects.live().descendant_of(home)[:100]],
    }


def _editor(stop: threading.Event, every: float, published: list, failures: list) -> None:
    from django.db import close_old_connections

    from portal.pages.models import ArticlePage

    ids = list(ArticlePage.objects.live().values_list("pk", flat=True)[:200])
    n = 0
    while not stop.wait(every * random.uniform(0.5, 1.5)):
        n += 1
        try:
            page = ArticlePage.objects.get(pk=random.choice(ids))
            page.title = page.title.split("（")[0] + f"（更新{n}）"
            page.save_revision().publish()
            published.append(time.time())
        except Exception as error:  # noqa: BLE001 — counted and reported, the soak goes on
            failures.append(repr(error))
        finally:
            close_old_connections()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=600, help="seconds of load")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=20)
    parser.add_argument("--editors", type=int, default=2)
    parser.add_argument(
        "--publish-every", type=float, default=10, help="seconds between an editor's publishes"
    )
    parser.add_argument("--scale", type=float, default=0.5)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (2 per core)")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    stack = Stack(
        scale=args.scale,
        workers=args.workers,
        database_url=args.database_url,
        nginx=False,
        extra_env={"SEARCH_RATE_LIMIT": "1000000/m", "SEARCH_AUTOCOMPLETE_RATE_LIMIT": "1000000/m"},
    )
    stop = threading.Event()
    published: list[float] = []
    failures: list[str] = []
    try:
        print(f"preparing the demo district (scale {args.scale}) in {stack.workdir} …", flush=True)
        stack.prepare(index=True)
        stack.start_app()
        stack.start_cache(memory="512m")
        stack.use_in_process()
        urls_file = stack.workdir / "urls.json"
        urls_file.write_text(json.dumps(_urls(), ensure_ascii=False))
        editors = [
            threading.Thread(
                target=_editor, args=(stop, args.publish_every, published, failures), daemon=True
            )
            for _ in range(args.editors)
        ]
        for editor in editors:
            editor.start()
        prefix = stack.workdir / "soak"
        subprocess.run(
            [
                str(Path(sys.executable).with_name("locust")),
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "--only-summary",
                "-u",
                str(args.users),
                "-r",
                str(args.spawn_rate),
                "-t",
                f"{args.duration}s",
                "--host",
                f"http://127.0.0.1:{stack.cache_port}",
                "--csv",
                str(prefix),
            ],
            env={**stack.env, "PORTAL_SOAK_URLS": str(urls_file)},
            check=False,
        )
        stop.set()
        rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))  # noqa: SIM115
    finally:
        stop.set()
        stack.stop()

    figures: dict = {"users": args.users, "duration_s": args.duration, "publishes": len(published)}
    figures["publish_failures"] = len(failures)
    cached_p99, search_p99 = 0.0, 0.0
    for row in rows:
        name = row["Name"]
        p50, p99 = float(row["50%"] or 0), float(row["99%"] or 0)
        print(
            f"{name:16} {row['Request Count']:>8} requests  {row['Failure Count']:>5} errors  p50 {p50:6.0f} ms  p99 {p99:6.0f} ms"
        )
        if name == "Aggregated":
            figures["requests"] = int(row["Request Count"])
            figures["errors"] = int(row["Failure Count"])
            figures["rps"] = round(float(row["Requests/s"]), 1)
        elif name == "search":
            search_p99 = p99
        else:
            cached_p99 = max(cached_p99, p99)
    figures["cached_p99_ms"] = cached_p99
    figures["search_p99_ms"] = search_p99
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
