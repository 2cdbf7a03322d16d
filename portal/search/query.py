"""Running a search: analyse, match, relax, correct, then dress the hits for display."""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from .answers import Card, cards_for
from .index import Filters, get_engine
from .models import BestBet, DeniedTerm, SearchDocument
from .registry import registry
from .text import AnalysedQuery, analyse, normalise, suggest

SORTS = ("relevance", "date")


@dataclass
class SearchParams:
    q: str = ""
    types: list[str] = field(default_factory=list)
    organisation_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    #: provider-declared facets chosen by the reader, e.g. ``{"validity": "repealed"}``
    facets: dict[str, str] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    #: the reader's site and language; None searches every site / language (admin, evaluation)
    site_id: int | None = None
    locale: str | None = None

    def filters(self) -> Filters:
        return Filters(
            types=self.types,
            organisation_id=self.organisation_id,
            date_from=self.date_from,
            date_to=self.date_to,
            facets=dict(self.facets),
            site_id=self.site_id,
            locale=self.locale,
        )


@dataclass
class ResultItem:
    doc: SearchDocument
    title_html: SafeString
    snippet_html: SafeString
    type_label: str
    position: int
    #: (facet name, value, label) of the facets the document's provider declares
    facet_labels: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class SearchResults:
    params: SearchParams
    query: AnalysedQuery | None = None
    items: list[ResultItem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    suggestion: str = ""
    corrected: bool = False  # results shown are for ``suggestion`` because the query found nothing
    relaxed: bool = False  # not every word matched
    capped: bool = False  # a very common query: counts stop at COUNT_CAP
    blocked: bool = False
    cards: list[Card] = field(default_factory=list)
    best_bets: list[BestBet] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(self.total / self.params.per_page))

    def type_counts(self) -> list[tuple[str, str, int]]:
        labels = registry.labels()
        return [(k, labels.get(k, k), n) for k, n in sorted(self.counts.items(), key=lambda kv: -kv[1]) if n]

    def grouped(self) -> list[tuple[str, list[ResultItem]]]:
        """Items grouped by type (in result order of first appearance) for the 一页汇聚 view."""
        groups: dict[str, list[ResultItem]] = {}
        for item in self.items:
            groups.setdefault(item.type_label, []).append(item)
        return list(groups.items())


CONTROLS_KEY = "portal_search:controls"


def _controls() -> tuple[list[str], list[BestBet]]:
    """Blocking denied terms and enabled best bets, cached briefly (saving one clears the cache)."""
    controls = cache.get(CONTROLS_KEY)
    if controls is None:
        controls = (
            list(DeniedTerm.objects.filter(block_search=True).values_list("term", flat=True)),
            list(BestBet.objects.filter(enabled=True)),
        )
        cache.set(CONTROLS_KEY, controls, 60)
    return controls


def _blocked(norm: str) -> bool:
    return any(t and t in norm for t in _controls()[0])


def highlight(text: str, terms: list[str], length: int = 0) -> SafeString:
    """Escape ``text`` and wrap query terms in <mark>; with ``length``, cut a window around the first hit."""
    text = html.unescape(strip_tags(text or "")).replace("\u3000", " ")
    text = re.sub(r"\s+", " ", text).strip()
    terms = [t for t in terms if t]
    if not terms:
        return mark_safe(html.escape(text[:length] if length else text))
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    if length and len(text) > length:
        m = pattern.search(text)
        start = max(0, (m.start() if m else 0) - length // 4)
        window = text[start : start + length]
        text = ("…" if start else "") + window + ("…" if start + length < len(text) else "")
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos : m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return mark_safe("".join(out).replace("</mark><mark>", ""))


RERANK_WINDOW = 50


def _title_bonus(title: str, query: AnalysedQuery) -> float:
    """Share of the query's concepts that the title names: the word itself counts fully, a synonym half."""
    if not query.groups:
        return 0.0
    title = normalise(title)
    got = 0.0
    for group in query.groups:
        if group.word in title:
            got += 1.0
        elif any("".join(alt) in title for alt in group.alternatives[1:]):
            got += 0.5
    return got / len(query.groups)


def _rerank(hits: list, query: AnalysedQuery) -> list:
    """Title coverage of the user's own words first, then the engine's score times the boost."""
    rows = SearchDocument.objects.filter(pk__in=[h.doc_id for h in hits]).values_list("pk", "title", "boost")
    info = {pk: (title, boost) for pk, title, boost in rows}
    keyed = []
    for hit in hits:
        title, boost = info.get(hit.doc_id, ("", 1.0))
        hit.score = hit.score * boost
        keyed.append((round(_title_bonus(title, query), 2), hit.score, hit))
    keyed.sort(key=lambda k: (-k[0], -k[1]))
    return [k[2] for k in keyed]


def _run(
    query: AnalysedQuery, params: SearchParams, modes: tuple[str, ...] = ("and", "or", "any")
) -> tuple[list, dict[str, int], int, bool]:
    """All words first; then any group; then any word of any alternative.

    For relevance order, the first RERANK_WINDOW hits are re-scored with a title bonus (the
    user's own words in the title beat synonyms in the body), then the page is cut from them.
    """
    engine = get_engine()
    filters = params.filters()
    offset = (max(params.page, 1) - 1) * params.per_page
    rerank = params.sort == "relevance" and offset + params.per_page <= RERANK_WINDOW
    fetch_offset, fetch_limit = (0, RERANK_WINDOW) if rerank else (offset, params.per_page)
    hits, counts, total, relaxed = [], {}, 0, False
    for mode in modes:
        if mode == "or" and len(query.groups) < 2:
            continue
        expression = engine.expression(query, mode)
        hint = engine.expression(query, "or") if mode == "and" else expression
        hits, counts = engine.search(
            expression, filters, params.sort, fetch_offset, fetch_limit, title_hint=hint
        )
        total = _total(counts, params.types)
        if total:
            relaxed = mode != "and"
            break
    if rerank:
        hits = _rerank(hits, query)[offset : offset + params.per_page]
    return hits, counts, total, relaxed


def _total(counts: dict[str, int], types: list[str]) -> int:
    return sum(n for t, n in counts.items() if not types or t in types)


def search(params: SearchParams, with_cards: bool = True) -> SearchResults:
    results = SearchResults(params=params)
    norm = normalise(params.q)
    if not norm:
        return results
    if _blocked(norm):
        results.blocked = True
        return results
    query = analyse(params.q)
    results.query = query
    if query.empty:
        hits, counts, total, relaxed = [], {}, 0, False
    else:
        hits, counts, total, relaxed = _run(query, params, ("and",))
        if total < 3:
            # A typo is likelier than a query nothing answers: try the correction before relaxing.
            fixed = suggest(params.q)
            if fixed and fixed != norm:
                results.suggestion = fixed
                if total == 0:
                    corrected_query = analyse(fixed)
                    c_hits, c_counts, c_total, _ = _run(corrected_query, params, ("and",))
                    if c_total:
                        hits, counts, total = c_hits, c_counts, c_total
                        results.corrected = True
                        query = corrected_query
        if total == 0:
            hits, counts, total, relaxed = _run(query, params, ("or", "any"))
    results.counts, results.total, results.relaxed = counts, total, relaxed
    results.capped = getattr(counts, "capped", False)
    docs = SearchDocument.objects.in_bulk([h.doc_id for h in hits])
    labels = registry.labels()
    terms = query.highlight_terms()
    offset = (max(params.page, 1) - 1) * params.per_page
    for i, hit in enumerate(hits):
        doc = docs.get(hit.doc_id)
        if doc is None:
            continue
        results.items.append(
            ResultItem(
                doc=doc,
                title_html=highlight(doc.title, terms),
                snippet_html=highlight(doc.body, terms, length=140),
                type_label=labels.get(doc.doc_type, doc.doc_type),
                position=offset + i + 1,
                facet_labels=_facet_labels(doc),
            )
        )
    if params.page == 1:
        results.best_bets = [b for b in _controls()[1] if norm in b.query_list()]
        if with_cards:
            results.cards = cards_for(params.q, in_scope=_in_scope(params))
    return results


def _facet_labels(doc: SearchDocument) -> list[tuple[str, str, str]]:
    provider = registry.get(doc.doc_type)
    if provider is None or not doc.facets:
        return []
    return [
        (f.name, doc.facets[f.name], f.label_for(doc.facets[f.name]))
        for f in provider.facets
        if doc.facets.get(f.name)
    ]


def scoped_documents(site_id: int | None, locale: str | None):
    """SearchDocument rows within a reader's site (or shared by all sites) and language."""
    qs = SearchDocument.objects.all()
    if locale is not None:
        qs = qs.filter(locale=locale)
    if site_id is not None:
        qs = qs.filter(Q(site_id=site_id) | Q(site_id=None))
    return qs


def _in_scope(params: SearchParams):
    """For answer cards: which entity keys have an entry in the reader's site and language."""
    if params.site_id is None and params.locale is None:
        return None

    def check(keys: list[str]) -> set[str]:
        return set(
            scoped_documents(params.site_id, params.locale).filter(key__in=keys).values_list("key", flat=True)
        )

    return check


def search_urls(q: str, limit: int = 10) -> list[str]:
    """Result URLs in rank order (used by the evaluation harness)."""
    res = search(SearchParams(q=q, per_page=limit), with_cards=True)
    urls = [c.entity.url for c in res.cards if c.entity.url]
    urls += [b.url for b in res.best_bets]
    for item in res.items:
        if item.doc.url not in urls:
            urls.append(item.doc.url)
    return urls[:limit]
