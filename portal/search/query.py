"""Running a search: analyse, match (graded), correct, then dress the hits for display."""

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
from .index import Filters, Hit, get_engine
from .models import BestBet, DeniedTerm, SearchDocument
from .ranking import Candidate, passage, rank
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


def highlight(text: str, terms: list[str], length: int = 0, title: str = "") -> SafeString:
    """Escape ``text`` and wrap query terms in <mark>; with ``length``, cut the passage that
    names most of the terms (see :func:`portal.search.ranking.passage`)."""
    text = html.unescape(strip_tags(text or "")).replace("\u3000", " ")
    text = re.sub(r"\s+", " ", text).strip()
    terms = [t for t in terms if t]
    if not terms:
        return mark_safe(html.escape(text[:length] if length else text))
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    if length and len(text) > length:
        text = passage(text, terms, length, title)
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos : m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return mark_safe("".join(out).replace("</mark><mark>", ""))


#: how many candidates graded matching scores (the pages within it are ordered by coverage)
CANDIDATES = 100
#: how many documents containing every concept are added to the candidates
STRICT_CANDIDATES = 50


@dataclass
class _Run:
    hits: list
    counts: dict[str, int]
    total: int
    relaxed: bool
    strict: int  # documents containing every concept, as far as they were looked at


def _candidates(pks: list[int]) -> list[Candidate]:
    rows = SearchDocument.objects.filter(pk__in=pks).values_list(
        "pk", "title", "title_tokens", "body_tokens", "doc_type", "boost", "facets", "extra", "date"
    )
    return [
        Candidate(
            pk, title, frozenset(tt.split()), frozenset(bt.split()), doc_type, boost, facets, extra, date
        )
        for pk, title, tt, bt, doc_type, boost, facets, extra, date in rows
    ]


def _strict_count(query: AnalysedQuery, params: SearchParams) -> int:
    engine = get_engine()
    return len(engine.candidates(engine.expression(query, "and"), params.filters(), STRICT_CANDIDATES))


def _run(query: AnalysedQuery, params: SearchParams) -> _Run:
    """Graded matching: everything that shares a concept with the query is a candidate; the best
    CANDIDATES of them (and the documents containing every concept) are ordered by coverage and
    priors (:mod:`portal.search.ranking`), then the page is cut from them."""
    engine = get_engine()
    filters = params.filters()
    offset = (max(params.page, 1) - 1) * params.per_page
    strict_expr = engine.expression(query, "and")
    loose_expr = engine.expression(query, "or")
    if params.sort == "date":
        hits, counts = engine.search(strict_expr, filters, "date", offset, params.per_page)
        total = _total(counts, params.types)
        if total:
            return _Run(hits, counts, total, False, total)
        hits, counts = engine.search(loose_expr, filters, "date", offset, params.per_page)
        return _Run(hits, counts, _total(counts, params.types), True, 0)
    pool, counts = engine.search(loose_expr, filters, "relevance", 0, CANDIDATES, title_hint=loose_expr)
    total = _total(counts, params.types)
    if not total:
        # Nothing names a whole concept: parts of long words are the last thing shared.
        loose_expr = engine.expression(query, "parts")
        pool, counts = engine.search(loose_expr, filters, "relevance", 0, CANDIDATES, title_hint=loose_expr)
        total = _total(counts, params.types)
    if not total:
        return _Run([], counts, 0, False, 0)
    strict = engine.candidates(strict_expr, filters, STRICT_CANDIDATES, title_hint=loose_expr)
    scores = {h.doc_id: h.score for h in pool}
    for h in strict:
        scores.setdefault(h.doc_id, h.score)
    ranked = rank(query, _candidates(list(scores)), scores)
    if offset + params.per_page <= len(ranked) or len(scores) < CANDIDATES:
        hits = [Hit(doc_id=pk, score=m.coverage) for pk, m in ranked[offset : offset + params.per_page]]
    else:
        hits, _ = engine.search(
            loose_expr, filters, "relevance", offset, params.per_page, title_hint=loose_expr
        )
    return _Run(hits, counts, total, not strict, len(strict))


def _total(counts: dict[str, int], types: list[str]) -> int:
    return sum(n for t, n in counts.items() if not types or t in types)


def _clearly_better(fixed: str, params: SearchParams, found: int) -> AnalysedQuery | None:
    """The corrected query, if it finds markedly more documents containing every concept."""
    corrected = analyse(fixed)
    if corrected.empty:
        return None
    better = _strict_count(corrected, params)
    return corrected if better >= max(1, SUGGEST_FACTOR * found) and better > found else None


SUGGEST_MIN_HITS = 3
SUGGEST_FACTOR = 2


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
        run = _Run([], {}, 0, False, 0)
    else:
        run = _run(query, params)
        if run.strict < SUGGEST_MIN_HITS:
            # "您是不是要找" only when the correction is close, frequent and finds markedly more.
            fixed = suggest(params.q)
            corrected = _clearly_better(fixed, params, run.strict) if fixed and fixed != norm else None
            if corrected is not None:
                results.suggestion = fixed
                if run.strict == 0:
                    c_run = _run(corrected, params)
                    if c_run.total:
                        run, query = c_run, corrected
                        results.corrected = True
    hits = run.hits
    results.counts, results.total, results.relaxed = run.counts, run.total, run.relaxed
    results.capped = getattr(run.counts, "capped", False)
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
                snippet_html=highlight(doc.body, terms, length=140, title=doc.title),
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
