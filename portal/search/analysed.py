"""The analysed form of a query: groups of alternatives (AND of groups, OR inside a group).

A leaf module, so the engines (``portal.search.index``) can take an analysed query without
importing the analyser in ``portal.search.text``, which itself asks the engine about words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Alternative = tuple[str, ...]  # tokens that must all match


@dataclass
class Group:
    """One concept of the query: any of its alternatives may match."""

    word: str
    alternatives: list[Alternative] = field(default_factory=list)

    def add(self, alt: Alternative) -> None:
        if alt and alt not in self.alternatives:
            self.alternatives.append(alt)


@dataclass
class AnalysedQuery:
    raw: str
    normalised: str
    groups: list[Group]
    expansions: dict[str, list[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.groups

    def highlight_terms(self) -> list[str]:
        terms = {t for g in self.groups for alt in g.alternatives for t in alt}
        return sorted(terms, key=len, reverse=True)
