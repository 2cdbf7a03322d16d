"""What every full-text engine offers, and the control flow they share.

:meth:`Engine.search` is a template method: counting, the early exits, "title hits first, then
the rest" and paging are written once here; an engine subclass only supplies the steps that speak
its database's dialect (quoting, the count and ranking queries, the title-only expression, the
facet clause, and index maintenance).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import connection

from ..analysed import AnalysedQuery

TABLE = "portal_search_searchdocument"


@dataclass
class Filters:
    """What narrows a query: the reader's scope (site and language) and the filters they chose.

    ``site_id`` and ``locale`` left as None mean "any" (the admin search, evaluation, benchmarks);
    public views always set both. Entries with no site (shared by every site) match any site.
    """

    types: list[str] = field(default_factory=list)
    organisation_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    facets: dict[str, str] = field(default_factory=dict)
    site_id: int | None = None
    locale: str | None = None

    @property
    def narrowed(self) -> bool:
        """Whether the reader chose any filter (as opposed to only being scoped)."""
        return bool(self.types or self.organisation_id or self.date_from or self.date_to or self.facets)

    @property
    def scoped(self) -> bool:
        return self.site_id is not None or self.locale is not None


COUNT_CAP = 3000


class Counts(dict):
    """Matches per type; ``capped`` when counting stopped at COUNT_CAP (shown as "10000+")."""

    capped: bool = False


@dataclass
class Hit:
    doc_id: int
    score: float


class Engine:
    """A full-text table beside ``SearchDocument``; subclasses speak one database's dialect."""

    name = ""
    AND = " AND "
    OR = " OR "

    # ---- the query expression (shared; quoting is the backend's) -------------------------------

    def quote(self, token: str) -> str:
        raise NotImplementedError

    def _alternative(self, alt) -> str:
        # Several tokens (a synonym's words, a word's sub-words) must all occur. Not as a
        # phrase: search-mode segmentation emits a long word's sub-words out of order.
        quoted = [self.quote(t) for t in alt if t]
        if not quoted:
            return ""
        return quoted[0] if len(quoted) == 1 else "(" + self.AND.join(quoted) + ")"

    def _any_of(self, alts) -> str:
        parts = list(dict.fromkeys(p for p in (self._alternative(a) for a in alts) if p))
        if not parts:
            return ""
        return parts[0] if len(parts) == 1 else "(" + self.OR.join(parts) + ")"

    def expression(self, query: AnalysedQuery, mode: str = "and") -> str:
        """The query as the engine's match expression.

        ``and``: every concept, each by any alternative standing for the whole concept (soft
        terms and parts of words are never required); ``or``: anything sharing a concept with
        the query (the candidates of graded matching); ``parts``: the same with parts of long
        words; ``any``: any word of two characters or more of any alternative.
        """
        if mode == "any":
            tokens = dict.fromkeys(
                t for g in query.groups for alt in g.alternatives for t in alt if len(t) >= 2
            )
            return self.OR.join(self.quote(t) for t in tokens)
        if mode == "and":
            parts = [self._any_of(g.required_alternatives()) for g in query.concepts]
            return self.AND.join(p for p in parts if p)
        if mode == "or":
            return self._any_of([a for g in query.concepts for a in g.required_alternatives()])
        # "parts": parts of long words too (养老保险参保登记 → 登记), when nothing matches without them
        return self._any_of([a for g in query.concepts for a in g.alternatives])

    # ---- filters as SQL over the document table ``d`` (shared; the facet clause is the backend's)

    def facet_clause(self) -> str:
        """SQL comparing one facet of ``d.facets`` with a value; params: (name, value)."""
        raise NotImplementedError

    def facet_params(self, name: str, value: str) -> list[Any]:
        return [name, value]

    def scope_sql(self, filters: Filters) -> tuple[str, list[Any]]:
        """The reader's site and language."""
        clauses, params = [], []
        if filters.locale is not None:
            clauses.append("d.locale = %s")
            params.append(filters.locale)
        if filters.site_id is not None:
            clauses.append("(d.site_id = %s OR d.site_id IS NULL)")
            params.append(filters.site_id)
        return "".join(f" AND {c}" for c in clauses), params

    def where(self, filters: Filters, include_types: bool = True) -> tuple[str, list[Any]]:
        """Scope and filters as ``" AND …"`` clauses with their parameters."""
        sql, params = self.scope_sql(filters)
        clauses = []
        if include_types and filters.types:
            clauses.append(f"d.doc_type IN ({', '.join(['%s'] * len(filters.types))})")
            params.extend(filters.types)
        if filters.organisation_id:
            clauses.append("d.organisation_id = %s")
            params.append(filters.organisation_id)
        if filters.date_from:
            clauses.append("d.date >= %s")
            params.append(filters.date_from.isoformat())
        if filters.date_to and filters.date_to < date.max:
            clauses.append("d.date < %s")
            params.append((filters.date_to + timedelta(days=1)).isoformat())
        for name, value in sorted(filters.facets.items()):
            clauses.append(self.facet_clause())
            params.extend(self.facet_params(name, value))
        return sql + "".join(f" AND {c}" for c in clauses), params

    # ---- maintenance (backend steps) ------------------------------------------------------------

    def add(self, doc) -> None:
        raise NotImplementedError

    def remove(self, doc) -> None:
        raise NotImplementedError

    def rebuild(self) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        """Empty the full-text table (after SearchDocument's table was emptied behind its back)."""
        raise NotImplementedError

    # ---- querying -------------------------------------------------------------------------------

    def exists(self, expression: str) -> bool:
        """Whether anything matches (cheap: used to tell typos from rare words)."""
        raise NotImplementedError

    def search(
        self, expression: str, filters: Filters, sort: str, offset: int, limit: int, title_hint: str = ""
    ) -> tuple[list[Hit], Counts]:
        """One page of hits (best first, or newest first) and the match count per type.

        ``title_hint`` (any of the query's groups) lets the engine look at title hits first.
        Scores are the engine's relevance (higher is better); document boosts are applied by the
        re-ranking in ``portal.search.query``.
        """
        if not expression:
            return [], Counts()
        with connection.cursor() as cur:
            counts = self.count_by_type(cur, expression, filters)
            if not counts or (filters.types and not any(counts.get(t) for t in filters.types)):
                return [], counts
            rows = self._rows(cur, expression, filters, sort, offset, limit, title_hint)
        return [Hit(doc_id=row[0], score=self.score(row[1])) for row in rows], counts

    def candidates(self, expression: str, filters: Filters, limit: int, title_hint: str = "") -> list[Hit]:
        """The ``limit`` best hits, title hits first, without counting (graded matching's pool)."""
        if not expression:
            return []
        with connection.cursor() as cur:
            rows = self._rows(cur, expression, filters, "relevance", 0, limit, title_hint)
        return [Hit(doc_id=row[0], score=self.score(row[1])) for row in rows]

    def _rows(self, cur, expression, filters, sort, offset, limit, title_hint) -> list:
        if sort == "date":
            return self.ranked(cur, expression, filters, offset, limit, by_date=True)
        # The best hits nearly always name the query (or part of it) in the title:
        # rank the title hits first, then fill up with everything else.
        need = offset + limit
        title = self.title_expression(expression, title_hint or expression)
        rows = self.best(cur, title, filters, need)
        if len(rows) < need:
            seen = {r[0] for r in rows}
            rows = rows + [r for r in self.best(cur, expression, filters, need) if r[0] not in seen]
        return rows[offset:need]

    # steps of search() that each backend supplies

    def count_by_type(self, cur, expression: str, filters: Filters) -> Counts:
        """Matches per type (at most about COUNT_CAP counted), with ``capped`` set."""
        raise NotImplementedError

    def title_expression(self, expression: str, hint: str) -> str:
        """Documents matching ``expression`` whose title matches ``hint``."""
        raise NotImplementedError

    def ranked(self, cur, expression: str, filters: Filters, offset: int, limit: int, by_date: bool = False):
        """Rows of (doc id, raw score), best (or newest) first."""
        raise NotImplementedError

    def best(self, cur, expression: str, filters: Filters, need: int) -> list:
        """The ``need`` best rows; an engine may take a cheaper path for very common words."""
        return self.ranked(cur, expression, filters, 0, need)

    def score(self, raw: float) -> float:
        """The engine's raw score as "higher is better"."""
        return float(raw)
