"""Commonly misused words in official writing, from ``data/confusions.tsv``.

Each row: wrong form, right form, a regex the following text must match (optional), a regex it
must not match (optional), a note. The list is data: extend the file, no code change needed.
An extra corrector can be plugged in through ``settings.EDITORIAL_EXTRA_CORRECTOR`` (a dotted
path to ``callable(text) -> list[(start, end, suggestion, message)]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .findings import Finding, Severity, excerpt
from .lexicon import Entry as _Entry
from .lexicon import build_automaton, scan

DATA_FILE = Path(__file__).parent / "data" / "confusions.tsv"


@dataclass(frozen=True)
class Confusion:
    wrong: str
    right: str
    after: re.Pattern | None = None
    not_after: re.Pattern | None = None
    note: str = ""


@cache
def confusions() -> dict[str, Confusion]:
    table: dict[str, Confusion] = {}
    for line in DATA_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + [""] * 5)[:5]
        wrong, right, after, not_after, note = (c.strip() for c in cols)
        table[wrong] = Confusion(
            wrong,
            right,
            re.compile(after) if after else None,
            re.compile(not_after) if not_after else None,
            note,
        )
    return table


@cache
def _automaton():
    return build_automaton([_Entry(w, "易错词", "confusion", Severity.WARN) for w in confusions()])


def find_confusions(text: str) -> list[tuple[int, int, Confusion]]:
    table = confusions()
    found = []
    for start, end, entry in scan(_automaton(), text):
        rule = table[entry.term]
        following = text[end : end + 20]
        if rule.after is not None and not rule.after.search(following):
            continue
        if rule.not_after is not None and rule.not_after.search(following):
            continue
        found.append((start, end, rule))
    # A longer entry (截止目前) covers the shorter one inside it (截止).
    return [
        m
        for m in found
        if not any(o is not m and o[0] <= m[0] and m[1] <= o[1] and o[1] - o[0] > m[1] - m[0] for o in found)
    ]


def check_confusions(page, fields, context) -> list[Finding]:
    findings = []
    extra = getattr(settings, "EDITORIAL_EXTRA_CORRECTOR", None)
    corrector = import_string(extra) if extra else None
    for item in fields:
        for start, end, rule in find_confusions(item.text):
            findings.append(
                Finding(
                    rule="confusion",
                    severity=Severity.WARN,
                    message=_("%(field)s中“%(wrong)s”疑为误用") % {"field": item.label, "wrong": rule.wrong}
                    + (f"：{rule.note}" if rule.note else ""),
                    field=item.name,
                    offset=start,
                    excerpt=excerpt(item.text, start, end),
                    suggestion=rule.right,
                )
            )
        if corrector is not None:
            for start, end, suggestion, message in corrector(item.text):
                findings.append(
                    Finding(
                        "confusion",
                        Severity.WARN,
                        message,
                        item.name,
                        start,
                        excerpt(item.text, start, end),
                        suggestion,
                    )
                )
    return findings
