"""Lexicon matching with an Aho-Corasick automaton (pyahocorasick), rebuilt when lexicons change.

Every active :class:`~portal.editorial.models.Lexicon` contributes its terms; a term written
``!词`` is an allowed phrase that silences matches inside it (``!国家秘密`` keeps the marker
``秘密`` from firing on the legal phrase 保守国家秘密).
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from .findings import Finding, excerpt


@dataclass(frozen=True)
class Entry:
    term: str
    lexicon: str
    category: str
    severity: str
    suggestion: str = ""
    allowed: bool = False


def build_automaton(entries: list[Entry]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    by_term: dict[str, list[Entry]] = {}
    for entry in entries:
        by_term.setdefault(entry.term, []).append(entry)
    for term, items in by_term.items():
        automaton.add_word(term, (term, tuple(items)))
    if len(automaton):
        automaton.make_automaton()
    return automaton


def scan(automaton: ahocorasick.Automaton, text: str) -> list[tuple[int, int, Entry]]:
    """(start, end, entry) for every match not inside an allowed phrase."""
    if not len(automaton) or not text:
        return []
    hits, allowed = [], []
    for end_index, (term, items) in automaton.iter(text):
        start, end = end_index - len(term) + 1, end_index + 1
        for entry in items:
            (allowed if entry.allowed else hits).append((start, end, entry))
    if allowed:
        spans = [(s, e) for s, e, _ in allowed]
        hits = [h for h in hits if not any(s <= h[0] and h[1] <= e for s, e in spans)]
    hits.sort(key=lambda h: (h[0], -h[1]))
    return hits


_cache: dict = {"key": None, "automaton": None}


def lexicon_automaton() -> ahocorasick.Automaton:
    """The automaton of all active lexicons, cached until a lexicon is saved or deleted."""
    from portal.editorial.models.checks import Lexicon

    stats = Lexicon.objects.filter(active=True).aggregate(n=Count("pk"), latest=Max("updated_at"))
    key = (stats["n"], stats["latest"])
    if _cache["key"] != key:
        entries = []
        for lexicon in Lexicon.objects.filter(active=True):
            for term, suggestion in lexicon.entries():
                allowed = term.startswith("!")
                entries.append(
                    Entry(
                        term.lstrip("!"),
                        lexicon.name,
                        lexicon.category,
                        lexicon.severity,
                        suggestion,
                        allowed,
                    )
                )
        _cache.update(key=key, automaton=build_automaton(entries))
    return _cache["automaton"]


RULE_BY_CATEGORY = {"confidential": "confidential", "sensitive": "sensitive", "custom": "lexicon"}


def check_lexicons(page, fields, context) -> list[Finding]:
    automaton = lexicon_automaton()
    findings = []
    for item in fields:
        for start, end, entry in scan(automaton, item.text):
            label = _("涉密标识") if entry.category == "confidential" else _("敏感词")
            findings.append(
                Finding(
                    rule=RULE_BY_CATEGORY.get(entry.category, "lexicon"),
                    severity=entry.severity,
                    message=_("%(field)s含%(kind)s“%(term)s”（%(lexicon)s）")
                    % {"field": item.label, "kind": label, "term": entry.term, "lexicon": entry.lexicon},
                    field=item.name,
                    offset=start,
                    excerpt=excerpt(item.text, start, end),
                    suggestion=entry.suggestion
                    or (_("删除或改写") if entry.category != "confidential" else _("涉密内容不得公开")),
                )
            )
    return findings
