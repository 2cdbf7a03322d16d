"""Keeping the index and the knowledge graph in step with the content.

Called from tasks (never in a request) and from ``manage.py rebuild_search_index``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction

from . import graph
from .index import get_engine
from .models import SearchDocument, Term
from .registry import IndexEntry, SearchProvider, registry
from .text import (
    dictionary_changed,
    ensure_dictionary,
    index_text,
    lexicon_changed,
    normalise,
    pinyin_of,
    segment,
)

logger = logging.getLogger(__name__)


def _key(provider: SearchProvider, object_id: Any) -> str:
    return f"{provider.type_key}:{object_id}"


def _fill(doc: SearchDocument, provider: SearchProvider, entry: IndexEntry) -> SearchDocument:
    doc.doc_type = provider.type_key
    doc.object_id = str(entry.object_id)
    doc.title = entry.title[:500]
    doc.body = entry.body
    doc.url = entry.url[:500]
    doc.organisation_id = entry.organisation_id
    doc.organisation_name = entry.organisation_name[:200]
    doc.date = entry.date
    doc.facets = {name: str(value) for name, value in (entry.facets or {}).items() if value not in ("", None)}
    doc.site_id = entry.site_id
    doc.locale = entry.locale or default_locale()
    doc.extra = entry.extra
    doc.boost = entry.boost
    doc.title_tokens = index_text(f"{entry.title} {entry.keywords}")
    doc.body_tokens = index_text(f"{entry.organisation_name} {entry.body}")
    return doc


def default_locale() -> str:
    """The language of entries that do not say (organisations, leaders …): the site's default."""
    return settings.LANGUAGE_CODE


def _title_terms(title: str) -> set[str]:
    return {t for t in segment(title) if 2 <= len(t) <= 12 and not t.isdigit()}


def add_terms(texts: Iterable[str], weights: Counter | None = None) -> None:
    """Add words to the vocabulary used for pinyin, autocomplete and suggestions."""
    new = []
    for text in texts:
        text = normalise(text)
        if not text or len(text) > 100:
            continue
        full, initials = pinyin_of(text)
        new.append(
            Term(text=text, pinyin=full[:300], initials=initials[:100], weight=(weights or {}).get(text, 1))
        )
    if new:
        Term.objects.bulk_create(new, ignore_conflicts=True, batch_size=2000)
        lexicon_changed()


def index_object(provider: SearchProvider, obj: Any, cascade: bool = True) -> SearchDocument | None:
    """(Re)index one object and refresh its graph entity (and, with ``cascade``, its dependents)."""
    ensure_dictionary()
    entry = provider.entry(obj)
    if entry is None:
        remove_object(provider, getattr(obj, "pk", None))
        return None
    engine = get_engine()
    key = _key(provider, entry.object_id)
    with transaction.atomic():
        doc = SearchDocument.objects.select_for_update().filter(key=key).first()
        if doc is not None:
            engine.remove(doc)
        else:
            doc = SearchDocument(key=key)
        _fill(doc, provider, entry).save()
        engine.add(doc)
        add_terms(_title_terms(entry.title))
        entity = provider.entity(obj)
        if entity is not None:
            graph.upsert(entity)
    if list(provider.dictionary_words()):
        dictionary_changed()
    if cascade:
        for type_key, pk in provider.dependents(obj):
            update(type_key, str(pk), cascade=False)
    return doc


def remove_object(provider: SearchProvider, object_id: Any) -> None:
    if object_id is None:
        return
    engine = get_engine()
    with transaction.atomic():
        for doc in SearchDocument.objects.filter(key=_key(provider, object_id)):
            engine.remove(doc)
            doc.delete()
        if provider.entity_kind:
            graph.remove(f"{provider.entity_kind}:{object_id}")


def withdraw(provider: SearchProvider, object_id: Any) -> bool:
    """Take an object out of the index and the graph now, in the caller's transaction (used when
    a page is unpublished or restricted, so it is never findable after that commits).
    Returns whether there was anything to remove."""
    if object_id is None:
        return False
    key = _key(provider, object_id)
    indexed = SearchDocument.objects.filter(key=key).exists()
    in_graph = bool(provider.entity_kind) and graph.exists(f"{provider.entity_kind}:{object_id}")
    if indexed or in_graph:
        remove_object(provider, object_id)
    return indexed or in_graph


def update(type_key: str, object_id: str, cascade: bool = True) -> str:
    """Index the object if it is still searchable, otherwise take it out. Returns what happened."""
    provider = registry.get(type_key)
    if provider is None:
        return "unknown-type"
    obj = provider.load(object_id)
    if obj is None:
        remove_object(provider, object_id)
        return "removed"
    index_object(provider, obj, cascade=cascade)
    return "indexed"


def rebuild(types: list[str] | None = None, batch_size: int = 500, stdout=None) -> dict[str, int]:
    """Rebuild the whole index (or some types) and the graph from the registered providers."""
    ensure_dictionary()
    engine = get_engine()
    counts: dict[str, int] = {}
    weights: Counter = Counter()
    providers = [p for p in registry.providers() if not types or p.type_key in types]
    with transaction.atomic():
        for provider in providers:
            SearchDocument.objects.filter(doc_type=provider.type_key).delete()
            if provider.entity_kind:
                graph.clear_kind(provider.entity_kind)
        batch: list[SearchDocument] = []
        for provider in providers:
            n = 0
            for obj in provider.get_queryset():
                entry = provider.entry(obj)
                if entry is None:
                    continue
                batch.append(_fill(SearchDocument(key=_key(provider, entry.object_id)), provider, entry))
                weights.update(_title_terms(entry.title))
                entity = provider.entity(obj)
                if entity is not None:
                    graph.upsert(entity)
                n += 1
                if len(batch) >= batch_size:
                    SearchDocument.objects.bulk_create(batch)
                    batch = []
            counts[provider.type_key] = n
            if stdout:
                stdout.write(f"{provider.type_key}: {n}\n")
        if batch:
            SearchDocument.objects.bulk_create(batch)
        engine.rebuild()
        words = set(weights)
        for provider in providers:
            words.update(normalise(w) for w in provider.dictionary_words())
        Term.objects.all().delete()
        add_terms(words, weights)
    return counts
