"""The public checkers the browser tests run on rendered pages: axe-core and the Nu HTML checker,
both installed from npm into ``tests/browser/js`` by ``make install-dev``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

JS_DIR = Path(__file__).parent / "js"
AXE = JS_DIR / "node_modules" / "axe-core" / "axe.min.js"
VNU = JS_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _require(path: Path, tool: str) -> Path:
    if not shutil.which("npm"):
        pytest.skip(f"{tool} comes from npm, and node/npm is not installed on this machine")
    if not path.exists():
        pytest.fail(f"{tool} is missing: run `make install-dev` (npm ci in {JS_DIR})")
    return path


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as loaded (all rules axe runs by default)."""
    source = _require(AXE, "axe-core").read_text(encoding="utf-8")
    page.evaluate(source + "\n;0")
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in results["violations"]
    ]


def nu_errors(files: list[Path]) -> list[dict]:
    """Errors the Nu HTML checker (vnu.jar) finds in the given HTML files."""
    jar = _require(VNU, "The Nu HTML checker")
    java = shutil.which("java")
    if not java:
        pytest.skip("the Nu HTML checker needs java, which is not installed on this machine")
    run = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    return [
        {
            "file": Path(m.get("url", "")).name,
            "line": m.get("lastLine"),
            "message": m["message"],
            "extract": m.get("extract", ""),
        }
        for m in messages
        if m["type"] == "error"
    ]
