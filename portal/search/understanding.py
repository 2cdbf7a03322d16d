"""Query understanding: question and filler words out of the required terms, intents recognised.

The patterns are data (:class:`~portal.search.models.QueryIntent`, editable in the admin and
seeded from ``data/intents.json``). Phrases are matched against runs of whole words, so a filler
never cuts a word in two (的 in 目的地 stays).

- a *phrase* (请问, 怎么办理, 需要什么材料) is removed and records its intent;
- a *hint* (材料, 电话, 办理) records its intent and stays as a soft term: it helps ranking but
  no result has to contain it;
- single characters and leftover verbs are soft as well.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from django.core.cache import cache

INTENTS_VERSION_KEY = "portal_search:intents-version"
MAX_PHRASE_WORDS = 6

# Always dropped, whatever the editable table says (English function words, punctuation-like).
_BUILTIN_FILLERS = frozenset(
    "how to do i can where what is the a an of for in on and or my me please".split()
)


@dataclass
class IntentTable:
    phrases: dict[str, str] = field(default_factory=dict)  # phrase → intent
    hints: dict[str, str] = field(default_factory=dict)  # hint word → intent
    prefer: dict[str, list[str]] = field(default_factory=dict)  # intent → roles


@dataclass
class Understood:
    #: (word, soft) in query order
    terms: list[tuple[str, bool]] = field(default_factory=list)
    intents: list[str] = field(default_factory=list)
    prefer: list[str] = field(default_factory=list)
    fillers: list[str] = field(default_factory=list)


def intents_changed() -> None:
    try:
        cache.incr(INTENTS_VERSION_KEY)
    except ValueError:
        cache.set(INTENTS_VERSION_KEY, 1, None)


def intent_table() -> IntentTable:
    return _table(cache.get(INTENTS_VERSION_KEY, 0))


@functools.lru_cache(maxsize=1)
def _table(version: object) -> IntentTable:
    from .models import QueryIntent

    table = IntentTable()
    for row in QueryIntent.objects.filter(enabled=True).order_by("pk"):
        for phrase in row.phrase_list():
            table.phrases.setdefault(phrase.replace(" ", ""), row.intent)
        for hint in row.hint_list():
            table.hints.setdefault(hint, row.intent)
        roles = table.prefer.setdefault(row.intent, [])
        roles.extend(r for r in row.prefer_list() if r not in roles)
    return table


# Intents that only describe the wording, not what the reader wants.
_NEUTRAL = {"action", "filler"}


def understand(tokens: list[str]) -> Understood:
    """Split accurate-mode words into required and soft terms, and name the intents."""
    table = intent_table()
    out = Understood()
    intents: list[str] = []
    i = 0
    while i < len(tokens):
        matched = 0
        for size in range(min(MAX_PHRASE_WORDS, len(tokens) - i), 0, -1):
            run = "".join(tokens[i : i + size])
            intent = table.phrases.get(run)
            if intent is None:
                continue
            # A phrase's own hint words (材料 in 需要什么材料) stay as soft terms.
            for token in tokens[i : i + size]:
                if token in table.hints:
                    out.terms.append((token, True))
            out.fillers.append(run)
            intents.append(intent)
            matched = size
            break
        if matched:
            i += matched
            continue
        token = tokens[i]
        i += 1
        if token in _BUILTIN_FILLERS:
            out.fillers.append(token)
            continue
        hint = table.hints.get(token)
        if hint is not None:
            intents.append(hint)
            out.terms.append((token, True))
        else:
            out.terms.append((token, len(token) < 2))
    out.intents = [k for k in dict.fromkeys(intents) if k not in _NEUTRAL]
    for intent in out.intents:
        out.prefer.extend(r for r in table.prefer.get(intent, []) if r not in out.prefer)
    if not out.terms:
        # Nothing but question words ("怎么办"): search for them rather than for nothing.
        out.terms = [(t, True) for t in tokens if t not in _BUILTIN_FILLERS]
    return out
