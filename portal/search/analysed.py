"""The analysed form of a query: concepts with graded alternatives, and what the reader intends.

A leaf module, so the engines (``portal.search.index``) can take an analysed query without
importing the analyser in ``portal.search.text``, which itself asks the engine about words.

Each :class:`Group` is one concept of the query. Its alternatives are ways the index may hold
it, each with a quality: the reader's own word counts fully, a synonym or abbreviation less, a
word read from pinyin less again, a part of a long word least. A *soft* group (a leftover verb
such as 办理, a single character) helps ranking but is never required of a result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Alternative = tuple[str, ...]  # tokens that must all match

# Quality of an alternative: exact > synonym > pinyin > partial.
EXACT = 1.0
COVER = 0.9  # the word as sub-words, in text indexed before the word was in the dictionary
SYNONYM = 0.8
PINYIN = 0.7
PARTIAL = 0.3  # below the whole concept found in the body (0.4): a fragment is weaker evidence

# How much a soft group weighs against a concept when coverage is computed.
SOFT_WEIGHT = 0.2


@dataclass
class Group:
    """One concept of the query: any of its alternatives may match."""

    word: str
    alternatives: list[Alternative] = field(default_factory=list)
    quality: dict[Alternative, float] = field(default_factory=dict)
    soft: bool = False

    def add(self, alt: Alternative, quality: float = EXACT) -> None:
        if not alt:
            return
        if alt not in self.alternatives:
            self.alternatives.append(alt)
        self.quality[alt] = max(self.quality.get(alt, 0.0), quality)

    def quality_of(self, alt: Alternative) -> float:
        return self.quality.get(alt, EXACT)

    @property
    def weight(self) -> float:
        return SOFT_WEIGHT if self.soft else 1.0

    def required_alternatives(self) -> list[Alternative]:
        """Alternatives that stand for the whole concept (a part of a word does not)."""
        return [a for a in self.alternatives if self.quality_of(a) > PARTIAL]


@dataclass
class AnalysedQuery:
    raw: str
    normalised: str
    groups: list[Group]
    expansions: dict[str, list[str]] = field(default_factory=dict)
    #: intent keys recognised from question words (``howto``, ``materials``, ``contact`` …)
    intents: list[str] = field(default_factory=list)
    #: result roles the intents prefer (``service``, ``policy``, ``organisation`` …)
    prefer: list[str] = field(default_factory=list)
    #: question and filler phrases taken out of the query (请问, 怎么办, 需要什么材料 …)
    fillers: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups

    @property
    def concepts(self) -> list[Group]:
        """The groups a result is expected to contain (all groups when every one is soft)."""
        hard = [g for g in self.groups if not g.soft]
        return hard or self.groups

    def highlight_terms(self) -> list[str]:
        terms = {t for g in self.groups for alt in g.alternatives for t in alt if len(t) > 1 or not g.soft}
        return sorted(terms, key=len, reverse=True)
