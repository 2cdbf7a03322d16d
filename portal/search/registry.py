"""The search registry: each app declares what it contributes to search and the graph.

An app adds a ``search_registry.py`` module that calls :func:`register` with
:class:`SearchProvider` subclasses. The search app discovers those modules at start-up
(``autodiscover_modules``) and never imports another app's models.

A provider says, for one type of thing (article, policy document, organisation …):
- which objects are searchable and how each becomes an :class:`IndexEntry`;
- how it appears in the knowledge graph (:class:`EntityData` with relations);
- which words the segmenter must keep whole (organisation names, column titles);
- which facets (filterable properties such as a policy's validity) its entries carry;
- where each entry belongs: the Wagtail site and the content language (``site_id``, ``locale``);
- how its answer card renders (``card_template``, a template the providing app ships, and
  :meth:`card_context`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models

#: Query-string names the search page uses itself; a facet may not take one of them.
RESERVED_PARAMETERS = frozenset({"q", "type", "org", "from", "to", "sort", "page", "l", "u", "p"})
_FACET_NAME = re.compile(r"^[a-z][a-z0-9_]{0,30}$")


@dataclass(frozen=True)
class Facet:
    """A filterable property of a provider's entries (e.g. a policy document's validity).

    ``name`` is the key in :attr:`IndexEntry.facets` and the search page's query parameter;
    ``choices`` maps each stored value to its label (shown in the filter and on results).
    """

    name: str
    label: str
    choices: dict[str, Any]

    def __post_init__(self) -> None:
        if not _FACET_NAME.match(self.name) or self.name in RESERVED_PARAMETERS:
            raise ValueError(f"Unusable facet name {self.name!r}")

    def label_for(self, value: str) -> str:
        return str(self.choices.get(value, value))


@dataclass
class IndexEntry:
    object_id: str
    title: str
    url: str
    body: str = ""
    organisation_id: int | None = None
    organisation_name: str = ""
    date: datetime | None = None
    #: facet name → value, for the facets the provider declares
    facets: dict[str, str] = field(default_factory=dict)
    #: the Wagtail site the entry belongs to; None for entries shared by every site
    site_id: int | None = None
    #: content language code (``zh-hans``, ``en``); blank means the default language
    locale: str = ""
    keywords: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    boost: float = 1.0


@dataclass(frozen=True)
class EntityRef:
    """A pointer to an entity; enough to create a placeholder until the entity itself is indexed."""

    key: str
    kind: str
    name: str
    url: str = ""


@dataclass
class EntityData:
    key: str
    kind: str
    name: str
    url: str = ""
    aliases: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    relations: list[tuple[str, EntityRef]] = field(default_factory=list)


# Relation predicates, with their Chinese labels (and schema.org-ish names for JSON-LD).
PREDICATES = {
    "issued_by": ("发文机关", "publisher"),
    "replaces": ("替代", "replaces"),
    "responsible_for": ("负责", "responsibleFor"),
    "belongs_to": ("隶属于", "isPartOf"),
    "concerns_topic": ("涉及主题", "about"),
    "handled_at": ("办理地点", "location"),
    "interprets": ("解读", "about"),
}


class SearchProvider:
    """Base class for what one type contributes. Override the hooks you need."""

    type_key: str = ""
    label: str = ""
    order: int = 100
    #: model whose instances are indexed; for page types, the specific page class
    model: type[models.Model] | None = None
    is_page: bool = False
    #: graph entity kind this provider creates, if any
    entity_kind: str | None = None
    #: template (shipped by the providing app) that renders this type's answer card
    card_template: str | None = None
    #: share of the query's characters the entity's name must cover for its card to show
    card_min_coverage: float = 0.4
    #: filterable properties of this type's entries, shown as filters on the search page
    facets: tuple[Facet, ...] = ()

    # indexing
    def get_queryset(self) -> Iterable[Any]:
        if self.model is None:
            return []
        if self.is_page:
            return self.model.objects.live().public().specific()
        return self.model._default_manager.all()

    def load(self, object_id: str) -> Any | None:
        """The object to (re)index, or None when it should leave the index."""
        if self.model is None:
            return None
        qs = self.model._default_manager.filter(pk=object_id)
        if self.is_page:
            qs = qs.live().public()
        return qs.first()

    def entry(self, obj: Any) -> IndexEntry | None:
        raise NotImplementedError

    # graph
    def entity(self, obj: Any) -> EntityData | None:
        return None

    def dependents(self, obj: Any) -> list[tuple[str, Any]]:
        """Other objects whose entry or card shows this one, as (type_key, pk): reindexed after it."""
        return []

    # dictionary
    def dictionary_words(self) -> Iterable[str]:
        return []

    # answer cards
    def card_context(self, entity: Any) -> dict[str, Any]:
        return {"entity": entity, "data": entity.data}

    def accepts_card(self, entity: Any, query: str) -> bool:
        """Whether a recognised entity deserves a card for this query (default: yes)."""
        return True


class Registry:
    def __init__(self) -> None:
        self._providers: dict[str, SearchProvider] = {}

    def register(self, provider: SearchProvider | type[SearchProvider]) -> SearchProvider:
        instance = provider() if isinstance(provider, type) else provider
        if not instance.type_key:
            raise ValueError("A search provider needs a type_key.")
        self._providers[instance.type_key] = instance
        return instance

    def unregister(self, type_key: str) -> None:
        self._providers.pop(type_key, None)

    def providers(self) -> list[SearchProvider]:
        return sorted(self._providers.values(), key=lambda p: (p.order, p.type_key))

    def get(self, type_key: str) -> SearchProvider | None:
        return self._providers.get(type_key)

    def for_instance(self, obj: Any) -> SearchProvider | None:
        """The provider of the most specific registered model ``obj`` is an instance of."""
        best, depth = None, -1
        for provider in self._providers.values():
            if provider.model is not None and isinstance(obj, provider.model):
                d = len(provider.model.__mro__)
                if d > depth:
                    best, depth = provider, d
        return best

    def for_entity_kind(self, kind: str) -> SearchProvider | None:
        for provider in self._providers.values():
            if provider.entity_kind == kind:
                return provider
        return None

    def labels(self) -> dict[str, str]:
        return {p.type_key: str(p.label) for p in self.providers()}

    def facets(self) -> dict[str, Facet]:
        """Every declared facet by name (the first provider to declare a name wins)."""
        out: dict[str, Facet] = {}
        for provider in self.providers():
            for facet in provider.facets:
                out.setdefault(facet.name, facet)
        return out


registry = Registry()


def register(provider: SearchProvider | type[SearchProvider]) -> SearchProvider | type[SearchProvider]:
    """Register a provider; usable as a class decorator."""
    registry.register(provider)
    return provider


def plain_text(value: Any) -> str:
    """Rich text or HTML to plain text for the index."""
    import html as _html

    from django.utils.html import strip_tags

    return " ".join(_html.unescape(strip_tags(str(value or ""))).split())


class PageProvider(SearchProvider):
    """A provider for a Wagtail page type: URL, date and owner organisation come from the page."""

    is_page = True
    boost = 1.0

    def body_text(self, page: Any) -> str:
        return ""

    def keywords(self, page: Any) -> str:
        return ""

    def facet_values(self, page: Any) -> dict[str, str]:
        return {}

    def extra(self, page: Any) -> dict[str, Any]:
        return {}

    def entry(self, page: Any) -> IndexEntry | None:
        if not page.live:
            return None
        org = getattr(page, "owner_organisation", None)
        site = page.get_site()
        return IndexEntry(
            object_id=str(page.pk),
            title=page.title,
            url=page.get_url(None) or page.url_path,
            body=plain_text(self.body_text(page)) or plain_text(getattr(page, "search_description", "")),
            organisation_id=org.pk if org else None,
            organisation_name=org.name if org else "",
            date=getattr(page, "date", None) or page.first_published_at,
            facets=self.facet_values(page),
            site_id=site.pk if site else None,
            locale=page.locale.language_code,
            keywords=self.keywords(page),
            extra=self.extra(page),
            boost=self.boost,
        )

    def entity_ref(self, page: Any) -> EntityRef:
        return EntityRef(
            f"{self.entity_kind}:{page.pk}", self.entity_kind or "", page.title, page.get_url(None) or ""
        )


def topic_ref(name: str) -> EntityRef:
    return EntityRef(f"topic:{name}", "topic", name)
