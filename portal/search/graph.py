"""The knowledge graph: entities and typed relations, built from the registry's providers."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

from .models import Entity, Relation
from .registry import PREDICATES, EntityData, EntityRef

GRAPH_VERSION_KEY = "portal_search:graph-version"


def graph_changed() -> None:
    """Tell every process the graph changed (the answer-card automaton is rebuilt).

    The version is a fresh random token, not a counter: a counter restarts after the cache is
    cleared or restarted and, after as many changes as before, repeats a number that a process
    still holds an automaton for (with entity ids that no longer exist).
    """
    cache.set(GRAPH_VERSION_KEY, uuid4().hex, None)


def graph_version() -> str:
    """The graph's current version token (a fresh one when the cache has none)."""
    version = cache.get(GRAPH_VERSION_KEY)
    if version is None:
        cache.add(GRAPH_VERSION_KEY, uuid4().hex, None)
        version = cache.get(GRAPH_VERSION_KEY)
    return version


def _ensure(ref: EntityRef) -> Entity:
    entity, created = Entity.objects.get_or_create(
        key=ref.key, defaults={"kind": ref.kind, "name": ref.name, "url": ref.url}
    )
    return entity


@transaction.atomic
def upsert(data: EntityData) -> Entity:
    """Create or update an entity and replace the relations it asserts."""
    entity, _ = Entity.objects.update_or_create(
        key=data.key,
        defaults={
            "kind": data.kind,
            "name": data.name,
            "url": data.url,
            "aliases": data.aliases,
            "data": data.data,
        },
    )
    Relation.objects.filter(source=data.key).delete()
    for predicate, ref in data.relations:
        # "^predicate" asserts the inverse edge: the other entity is the subject.
        inverse = predicate.startswith("^")
        predicate = predicate.lstrip("^")
        if predicate not in PREDICATES:
            raise ValueError(f"Unknown relation {predicate!r}")
        other = _ensure(ref)
        subject, target = (other, entity) if inverse else (entity, other)
        Relation.objects.get_or_create(
            subject=subject, predicate=predicate, object=target, defaults={"source": data.key}
        )
    _drop_orphan_topics()
    graph_changed()
    return entity


def remove(key: str) -> None:
    Entity.objects.filter(key=key).delete()
    Relation.objects.filter(source=key).delete()
    _drop_orphan_topics()
    graph_changed()


def exists(key: str) -> bool:
    return Entity.objects.filter(key=key).exists()


def clear_kind(kind: str) -> None:
    keys = list(Entity.objects.filter(kind=kind).values_list("key", flat=True))
    Relation.objects.filter(source__in=keys).delete()
    Entity.objects.filter(kind=kind).delete()


def _drop_orphan_topics() -> None:
    Entity.objects.filter(kind="topic", incoming__isnull=True, outgoing__isnull=True).delete()


def neighbourhood(entity: Entity) -> list[dict[str, Any]]:
    """The entity's relations in both directions, labelled for display."""
    rows = []
    for rel in Relation.objects.filter(Q(subject=entity) | Q(object=entity)).select_related(
        "subject", "object"
    ):
        outgoing = rel.subject_id == entity.pk
        rows.append(
            {
                "predicate": rel.predicate,
                "label": PREDICATES[rel.predicate][0],
                "direction": "out" if outgoing else "in",
                "other": rel.object if outgoing else rel.subject,
            }
        )
    return rows


def query(subject: str | None = None, predicate: str | None = None, obj: str | None = None) -> list[dict]:
    """Triples matching a pattern (any part may be omitted): the small graph query API."""
    qs = Relation.objects.select_related("subject", "object")
    if subject:
        qs = qs.filter(subject__key=subject)
    if predicate:
        qs = qs.filter(predicate=predicate)
    if obj:
        qs = qs.filter(object__key=obj)
    return [
        {
            "subject": {"key": r.subject.key, "name": r.subject.name, "kind": r.subject.kind},
            "predicate": r.predicate,
            "object": {"key": r.object.key, "name": r.object.name, "kind": r.object.kind},
        }
        for r in qs.order_by("pk")[:500]
    ]


SCHEMA_TYPES = {
    "organisation": "GovernmentOrganization",
    "leader": "Person",
    "policy": "Legislation",
    "column": "WebPageElement",
    "topic": "DefinedTerm",
}


def jsonld(entities=None, base_url: str = "") -> dict[str, Any]:
    """JSON-LD (schema.org vocabulary) of the given entities, or of the whole graph."""
    entities = entities if entities is not None else Entity.objects.all()
    nodes: dict[str, dict[str, Any]] = {}
    for e in entities:
        node = {
            "@id": f"{base_url}/search/entity/{e.key}/",
            "@type": SCHEMA_TYPES.get(e.kind, "Thing"),
            "name": e.name,
        }
        if e.url:
            node["url"] = base_url + e.url if e.url.startswith("/") else e.url
        if e.aliases:
            node["alternateName"] = e.aliases
        nodes[e.key] = node
    rels = Relation.objects.filter(subject__key__in=list(nodes)).select_related("subject", "object")
    for rel in rels:
        prop = PREDICATES[rel.predicate][1]
        nodes[rel.subject.key].setdefault(prop, []).append(
            {"@id": f"{base_url}/search/entity/{rel.object.key}/", "name": rel.object.name}
        )
    return {"@context": "https://schema.org", "@graph": list(nodes.values())}
