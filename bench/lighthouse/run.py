"""Lighthouse scores of the public site's main page types, against a running portal.

    make run                                   # in one shell: the demo district on :8000
    make lighthouse                            # in another: npm ci here, then this script

or directly: ``python bench/lighthouse/run.py --base-url http://127.0.0.1:8000 [--preset desktop]``.
Lighthouse comes from npm (``bench/lighthouse/package.json``) and drives Debian's Chromium
(``CHROME_PATH``, default /usr/bin/chromium). Prints one line per page and ends with one JSON line.
Targets: accessibility 1.0, SEO ≥ 0.95 (search is noindexed on purpose), best practices 1.0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - a local server
        return response.read().decode("utf-8")


def first_link(html: str, pattern: str) -> str | None:
    match = re.search(pattern, html, re.S)
    return match.group(1) if match else None


def discover(base: str) -> dict[str, str]:
    """One page of each type, found the way a reader would: from the home page and its links."""
    home = fetch(base + "/")
    pages = {"home": "/"}
    column = first_link(home, r'class="more-link" href="([^"]+)">')
    if column:
        pages["column"] = column
        article = first_link(fetch(base + column), r'class="item-list__item">\s*<a href="([^"]+)"')
        if article:
            pages["article"] = article
    policies = first_link(home, r'<a class="more-link" href="([^"]+)" data-more="policies">')
    if policies:
        pages["policy list"] = policies
        policy = first_link(fetch(base + policies), r'class="policy-table__title"[^>]*><a href="([^"]+)"')
        if policy:
            pages["policy document"] = policy
    pages["search"] = "/search/?q=" + quote("社保")
    pages["english"] = "/en/"
    return pages


def audit(url: str, preset: str, chrome: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run",
        ]
        if preset == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": chrome}
        # Lighthouse now and then loses its Chrome connection on a busy machine: one more try.
        for attempt in range(2):
            run = subprocess.run(command, env=env, timeout=300, capture_output=True, text=True)
            if run.returncode == 0 and out.exists():
                break
            if attempt:
                raise RuntimeError(f"lighthouse failed on {url}: {run.stderr.strip()[-500:]}")
        report = json.loads(out.read_text(encoding="utf-8"))
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    failed = [
        audit_id
        for audit_id, result in report["audits"].items()
        if result.get("score") is not None
        and result["score"] < 1
        and result.get("scoreDisplayMode") in ("binary", "numeric")
        and any(
            ref["id"] == audit_id
            for name in CATEGORIES[1:]
            for ref in report["categories"][name]["auditRefs"]
            if ref.get("weight")
        )
    ]
    return {**scores, "failed": failed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"Lighthouse is not installed: run `npm ci` in {HERE}", file=sys.stderr)
        return 2
    base = args.base_url.rstrip("/")
    pages = discover(base)
    results = {}
    for name, path in pages.items():
        result = audit(base + path, args.preset, args.chrome)
        results[name] = {"path": path, **result}
        figures = "  ".join(f"{c} {result[c]:.2f}" for c in CATEGORIES)
        failed = f"  (below 1: {', '.join(result['failed'])})" if result["failed"] else ""
        print(f"{name:16} {figures}{failed}  {path}")
    summary = {
        "bench": "lighthouse",
        "preset": args.preset,
        "pages": {name: {c: r[c] for c in CATEGORIES} for name, r in results.items()},
        "min": {c: min(r[c] for r in results.values()) for c in CATEGORIES},
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
