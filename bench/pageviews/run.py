"""Page views on the real stack: the front cache against static files, misses, publish-to-visible
and uncached renders, in one run on loopback (see stack.py for what is started).

    .venv/bin/python bench/pageviews/run.py [--seconds 5] [--scale 0.1] [--publishes 20]

Figures:
- anonymous home, column and article through Varnish and as static files from nginx (the same
  page saved by the app), requests/s with ``wrk -t2 -c32`` (a threaded Python client when wrk is
  not installed), and the ratio;
- cache-miss latency through Varnish (each URL purged just before it is read): p50 and p99;
- publish-to-visible: an article is edited and published from this process (purge on commit), then
  read through the cache until the new title shows, 20 times; an unrelated page must stay a hit;
- uncached render (straight to gunicorn, no page cache): home and article p50, with the SQL
  queries one render runs.
The last line printed is one JSON object with the figures. Not part of CI.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import HOST, Stack, get  # noqa: E402

CONNECTIONS = 32


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _wrk(port: int, path: str, seconds: int) -> float:
    out = subprocess.run(
        [
            shutil.which("wrk"),
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "-H",
            f"Host: {HOST}",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise RuntimeError(f"{path}: {non_2xx.group(1)} failed responses")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def _threaded(port: int, path: str, seconds: int) -> float:
    """A keep-alive client per thread, for machines without wrk."""
    import http.client

    stop = time.monotonic() + seconds
    counts = []

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n = 0
        while time.monotonic() < stop:
            connection.request("GET", path, headers={"Host": HOST})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            n += 1
        counts.append(n)

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / seconds


def throughput(port: int, path: str, seconds: int) -> float:
    return _wrk(port, path, seconds) if shutil.which("wrk") else _threaded(port, path, seconds)


def pick_pages():
    from portal.pages.models import ArticlePage, ColumnPage, HomePage

    home = HomePage.objects.get(locale__language_code="zh-hans")
    columns = [
        c for c in ColumnPage.objects.live().descendant_of(home).filter(column_type="news") if c.feed_items()
    ]
    articles = list(ArticlePage.objects.live().descendant_of(home).order_by("-date")[:60])
    return home, columns, articles


def cache_misses(stack: Stack, paths: list[str], n: int) -> list[float]:
    times = []
    for i in range(n):
        path = paths[i % len(paths)]
        get(stack.cache_port, path, method="PURGE")
        status, headers, _, elapsed = get(stack.cache_port, path)
        if status != 200 or headers.get("X-Cache") != "MISS":
            raise RuntimeError(f"{path}: expected a miss, got {status} {headers.get('X-Cache')}")
        times.append(elapsed)
    return times


def publish_to_visible(stack: Stack, article, unrelated_path: str, publishes: int) -> tuple[list[float], int]:
    delays, unrelated_hits = [], 0
    get(stack.cache_port, unrelated_path)
    for i in range(publishes):
        page = type(article).objects.get(pk=article.pk)
        title = f"{article.title}（第{i + 1}次更新）"
        page.title = title
        revision = page.save_revision()
        started = time.perf_counter()
        revision.publish()
        needle = title.encode()
        while True:
            status, headers, body, _ = get(stack.cache_port, page.url)
            if status == 200 and needle in body:
                delays.append(time.perf_counter() - started)
                break
            if time.perf_counter() - started > 10:
                raise RuntimeError("the published change did not show within 10 s")
            time.sleep(0.005)
        if get(stack.cache_port, unrelated_path)[1].get("X-Cache") == "HIT":
            unrelated_hits += 1
    return delays, unrelated_hits


def uncached(stack: Stack, path: str, n: int) -> tuple[float, int]:
    """p50 seconds of ``n`` renders straight from gunicorn, and the queries of one render."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        get(stack.app_port, path)
    times = [get(stack.app_port, path)[3] for _ in range(n)]
    client = Client(HTTP_HOST=HOST)
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return statistics.median(times), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="length of each throughput run")
    parser.add_argument("--scale", type=float, default=0.1, help="demo district scale")
    parser.add_argument("--publishes", type=int, default=20)
    parser.add_argument("--misses", type=int, default=150)
    args = parser.parse_args()

    started = time.monotonic()
    stack = Stack(scale=args.scale)
    try:
        print(f"preparing the demo district (scale {args.scale}) in {stack.workdir} …", flush=True)
        stack.prepare()
        stack.start_app()
        stack.start_cache()
        stack.use_in_process()
        home, columns, articles = pick_pages()
        pages = {"home": home.url, "column": columns[0].url, "article": articles[1].url}
        for path in pages.values():
            stack.save_static_copy(path)
        stack.start_static()
        print(f"gunicorn :{stack.app_port} ({stack.workers} workers), varnish :{stack.cache_port}, ", end="")
        print(
            f"nginx :{stack.static_port}" if stack.static_port else "nginx not installed (no static baseline)"
        )

        figures: dict = {
            "engine": "varnish",
            "load": "wrk -t2 -c32" if shutil.which("wrk") else "threads x32",
        }
        for name, path in pages.items():
            get(stack.cache_port, path)
            assert get(stack.cache_port, path)[1].get("X-Cache") == "HIT", path
            cached = throughput(stack.cache_port, path, args.seconds)
            static = throughput(stack.static_port, path, args.seconds) if stack.static_port else None
            ratio = cached / static if static else None
            figures[f"{name}_cached_rps"] = round(cached)
            figures[f"{name}_static_rps"] = round(static) if static else None
            figures[f"{name}_ratio"] = round(ratio, 3) if ratio else None
            print(
                f"{name:8} {path:40} cache {cached:9.0f} req/s   static "
                + (f"{static:9.0f} req/s   ratio {ratio:.0%}" if static else "n/a")
            )

        miss_paths = [home.url, *[c.url for c in columns[:5]], *[a.url for a in articles[2:40]]]
        misses = cache_misses(stack, miss_paths, args.misses)
        figures["miss_p50_ms"] = round(statistics.median(misses) * 1000, 1)
        figures["miss_p99_ms"] = round(_percentile(misses, 0.99) * 1000, 1)
        print(
            f"cache miss  p50 {figures['miss_p50_ms']} ms   p99 {figures['miss_p99_ms']} ms   ({len(misses)} misses)"
        )

        other_column = next((c for c in columns if not articles[0].path.startswith(c.path)), None)
        unrelated = next(
            a.url for a in articles if other_column is None or a.path.startswith(other_column.path)
        )
        delays, hits = publish_to_visible(stack, articles[0], unrelated, args.publishes)
        figures["publish_visible_max_ms"] = round(max(delays) * 1000, 1)
        figures["publish_visible_p50_ms"] = round(statistics.median(delays) * 1000, 1)
        figures["publishes"] = len(delays)
        figures["unrelated_still_hit"] = f"{hits}/{len(delays)}"
        print(
            f"publish → visible over {len(delays)} publishes: p50 {figures['publish_visible_p50_ms']} ms, "
            f"max {figures['publish_visible_max_ms']} ms; unrelated page still a hit {hits}/{len(delays)}"
        )

        for name, path in [("home", home.url), ("article", articles[1].url)]:
            p50, queries = uncached(stack, path, 60)
            figures[f"uncached_{name}_p50_ms"] = round(p50 * 1000, 1)
            figures[f"uncached_{name}_queries"] = queries
            print(f"uncached {name:8} p50 {p50 * 1000:6.1f} ms   {queries} SQL queries")
        figures["seconds"] = round(time.monotonic() - started, 1)
    finally:
        stack.stop()
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
