"""Intent recognition and answer cards (搜索即服务).

Entity names and aliases from the knowledge graph are matched in the normalised query with an
Aho–Corasick automaton; each recognised entity whose provider declares a card template becomes
an answer card shown above the results.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ahocorasick

from .graph import graph_version, neighbourhood
from .models import Entity
from .registry import registry
from .text import QUERY_STOPWORDS, normalise

MIN_COVERAGE = 0.4  # share of the query's characters the entity name must cover

_lock = threading.Lock()
_automaton: tuple[object, Any] | None = None


def _build() -> Any:
    automaton = ahocorasick.Automaton()
    carded = {p.entity_kind for p in registry.providers() if p.entity_kind and p.card_template}
    for pk, name, aliases in Entity.objects.filter(kind__in=carded).values_list("pk", "name", "aliases"):
        for label in {name, *(aliases or [])}:
            label = normalise(label)
            if len(label) < 2:
                continue
            existing = automaton.get(label, ())
            automaton.add_word(label, (label, (*existing[1], pk) if existing else (pk,)))
    if len(automaton):
        automaton.make_automaton()
    return automaton


def _get_automaton() -> Any:
    global _automaton
    version = graph_version()
    if _automaton is None or _automaton[0] != version:
        with _lock:
            _automaton = (version, _build())
    return _automaton[1]


@dataclass
class Card:
    entity: Entity
    template: str
    context: dict[str, Any]
    kind_label: str
    related: list[dict[str, Any]]


def recognise(query: str) -> list[tuple[Entity, int]]:
    """Entities named in the query, longest first, non-overlapping, with the matched length."""
    text = normalise(query)
    automaton = _get_automaton()
    if not text or not len(automaton) or automaton.kind != ahocorasick.AHOCORASICK:
        return []
    spans = []
    for end, (label, pks) in automaton.iter(text):
        spans.append((end - len(label) + 1, end + 1, pks))
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int]] = []
    for start, end, pks in spans:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.extend((pk, end - start) for pk in pks)
    entities = Entity.objects.in_bulk([pk for pk, _ in chosen])
    return [(entities[pk], length) for pk, length in chosen if pk in entities]


def _content_length(text: str) -> int:
    stripped = text.replace(" ", "")
    for word in sorted(QUERY_STOPWORDS, key=len, reverse=True):
        if len(word) > 1 and not word.isascii():
            stripped = stripped.replace(word, "")
    return max(len(stripped), 1)


def cards_for(
    query: str, limit: int = 2, in_scope: Callable[[list[str]], set[str]] | None = None
) -> list[Card]:
    """Answer cards for the entities a query is about.

    ``in_scope`` (given the recognised entities' keys, returns those with an index entry in the
    reader's site and language) keeps cards from other sites and languages out.
    """
    cards: list[Card] = []
    content = _content_length(normalise(query))
    recognised = recognise(query)
    if in_scope is not None and recognised:
        allowed = in_scope([entity.key for entity, _ in recognised])
        recognised = [(entity, length) for entity, length in recognised if entity.key in allowed]
    for entity, length in recognised:
        provider = registry.for_entity_kind(entity.kind)
        if length / content < getattr(provider, "card_min_coverage", MIN_COVERAGE):
            continue
        if provider is None or not provider.card_template or not provider.accepts_card(entity, query):
            continue
        cards.append(
            Card(
                entity=entity,
                template=provider.card_template,
                context=provider.card_context(entity),
                kind_label=str(provider.label),
                related=[r for r in neighbourhood(entity) if r["other"].kind != "topic"][:8],
            )
        )
        if len(cards) >= limit:
            break
    return cards
