"""What every full-text engine offers, and the query expression it is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..text import AnalysedQuery

TABLE = "portal_search_searchdocument"


@dataclass
class Filters:
    types: list[str] = field(default_factory=list)
    organisation_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    validity: str = ""

    def sql(self, include_types: bool = True) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if include_types and self.types:
            clauses.append(f"d.doc_type IN ({', '.join(['%s'] * len(self.types))})")
            params.extend(self.types)
        if self.organisation_id:
            clauses.append("d.organisation_id = %s")
            params.append(self.organisation_id)
        if self.date_from:
            clauses.append("d.date >= %s")
            params.append(self.date_from.isoformat())
        if self.date_to:
            clauses.append("d.date < %s")
            params.append(_next_day(self.date_to))
        if self.validity:
            clauses.append("d.validity = %s")
            params.append(self.validity)
        return "".join(f" AND {c}" for c in clauses), params


def _next_day(d: date) -> str:
    from datetime import timedelta

    return (d + timedelta(days=1)).isoformat()


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

    def quote(self, token: str) -> str:
        raise NotImplementedError

    def expression(self, query: AnalysedQuery, mode: str = "and") -> str:
        """AND (or OR) of the query's groups; inside a group, OR of its alternatives."""
        parts = []
        for group in query.groups:
            alts = []
            for alt in group.alternatives:
                tokens = [t for t in alt if t]
                if not tokens:
                    continue
                # Several tokens (a synonym's words, a word's sub-words) must all occur. Not as a
                # phrase: search-mode segmentation emits a long word's sub-words out of order.
                quoted = [self.quote(t) for t in tokens]
                alts.append(quoted[0] if len(quoted) == 1 else "(" + self.AND.join(quoted) + ")")
            if alts:
                parts.append(alts[0] if len(alts) == 1 else "(" + self.OR.join(alts) + ")")
        if mode == "any":
            # Last resort: any word of any alternative (结婚登记 → 结婚 | 登记).
            tokens = dict.fromkeys(
                t for g in query.groups for alt in g.alternatives for t in alt if len(t) >= 2
            )
            return self.OR.join(self.quote(t) for t in tokens)
        return (self.AND if mode == "and" else self.OR).join(parts)

    # maintenance
    def add(self, doc) -> None:
        raise NotImplementedError

    def remove(self, doc) -> None:
        raise NotImplementedError

    def rebuild(self) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        """Empty the full-text table (after SearchDocument's table was emptied behind its back)."""
        raise NotImplementedError

    # querying
    def exists(self, expression: str) -> bool:
        """Whether anything matches (cheap: used to tell typos from rare words)."""
        raise NotImplementedError

    def search(
        self, expression: str, filters: Filters, sort: str, offset: int, limit: int, title_hint: str = ""
    ) -> tuple[list[Hit], dict[str, int]]:
        """One page of hits (best first, or newest first) and the match count per type.

        ``title_hint`` (any of the query's groups) lets an engine look at title hits first.
        Scores are the engine's raw relevance (higher is better); document boosts are applied by
        the re-ranking in ``portal.search.query``.
        """
        raise NotImplementedError
