"""Graded matching and ranking priors.

Every candidate is scored by how much of the query it covers: each concept by its best
alternative (exact > synonym > pinyin > part of a word) in its best field (title > keywords >
body), concepts weighted and soft terms (leftover verbs, single characters, intent hints) light.
Small priors then order documents that cover the query about equally: the roles the reader's
intent prefers (a "how do I" question: service guides and policies before news), documents in
force before repealed ones, broad titles before narrow ones, recent news before old, and entity
or directory pages only when the query names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from .analysed import PARTIAL, AnalysedQuery
from .normalisation import normalise

TITLE = 1.0
SCATTERED = 0.8  # every token of the alternative in the title, but not side by side
KEYWORDS = 0.75  # title tokens that are not in the title itself: the provider's keywords
BODY = 0.4

# Result roles by document type; articles say theirs (the type of their column) in ``extra``.
TYPE_ROLES = {"policy": "policy", "organisation": "organisation", "leader": "leader", "column": "directory"}
ENTITY_ROLES = {"organisation", "leader", "directory"}
NEWS_ROLES = {"news", "notice"}
OUTDATED = {"repealed", "expired", "revised"}

INTENT_PRIOR = 0.08
NEWS_PENALTY = 0.05  # news when the reader asks how to get something done
NEWS_BASE = 0.03  # news below content that covers the query as well (freshness makes up part)
PHRASE = 0.05  # the reader's words side by side in the title
OUTDATED_PENALTY = 0.1
UNNAMED_ENTITY_PENALTY = 0.08
FRESHNESS = 0.02
BREADTH = 0.03
#: weight of the engine's own relevance (BM25 / ts_rank, times the document boost, scaled to 0..1)
RELEVANCE = 0.15


@dataclass
class Candidate:
    """What scoring needs of a document. Token fields are the index's space-separated tokens."""

    pk: int
    title: str
    title_tokens: str
    body_tokens: str
    doc_type: str
    boost: float = 1.0
    facets: dict | None = None
    extra: dict | None = None
    date: datetime | None = None

    def __post_init__(self) -> None:
        self.norm_title = normalise(self.title)

    # Search-mode segmentation stores a long word's dictionary sub-words too, so a token found
    # inside the token text is (nearly always) a token of its own; this avoids splitting long bodies.
    def in_title_tokens(self, alt) -> bool:
        return all(t in self.title_tokens for t in alt)

    def in_body(self, alt) -> bool:
        return all(t in self.body_tokens for t in alt)

    @property
    def role(self) -> str:
        return (self.extra or {}).get("role") or TYPE_ROLES.get(self.doc_type, "page")


@dataclass
class Match:
    coverage: float  # 0..1
    complete: bool  # every concept found somewhere
    named: float  # share of the concepts the title names (synonyms count, parts of words not)


def match(query: AnalysedQuery, doc: Candidate) -> Match:
    title = doc.norm_title
    total = sum(g.weight for g in query.groups) or 1.0
    got, complete, named = 0.0, True, 0
    concepts = query.concepts
    concept_ids = {id(g) for g in concepts}
    for group in query.groups:
        best, in_title = 0.0, False
        for alt in group.alternatives:
            quality = group.quality_of(alt)
            if quality * TITLE <= best:
                continue
            if "".join(alt) in title:
                field = TITLE
            elif all(t in title for t in alt):
                field = SCATTERED
            elif doc.in_title_tokens(alt):
                field = KEYWORDS
            elif doc.in_body(alt):
                field = BODY
            else:
                continue
            in_title = in_title or (field > BODY and quality > PARTIAL)
            best = max(best, quality * field)
        got += group.weight * best
        if id(group) in concept_ids:
            complete = complete and best > 0
            named += in_title
    return Match(coverage=got / total, complete=complete, named=named / max(len(concepts), 1))


def prior(query: AnalysedQuery, doc: Candidate, m: Match, now: datetime | None = None) -> float:
    role = doc.role
    p = 0.0
    if query.prefer:
        if role in query.prefer:
            p += INTENT_PRIOR * (1.0 if query.prefer[0] == role else 0.6)
        elif role in NEWS_ROLES:
            p -= NEWS_PENALTY
    if (doc.facets or {}).get("validity") in OUTDATED:
        p -= OUTDATED_PENALTY
    # Entity and directory pages lead only for queries that name them, and not when the reader
    # asks how to get something done (the service, not the bureau, answers "医保怎么交").
    if role in ENTITY_ROLES and role not in query.prefer and (m.named < 1.0 or query.prefer):
        p -= UNNAMED_ENTITY_PENALTY
    if role in NEWS_ROLES:
        p -= NEWS_BASE
        if doc.date is not None:
            age = ((now or timezone.now()) - doc.date).days
            p += FRESHNESS * max(0.0, 1.0 - age / 365)
    phrase = "".join(g.word for g in query.concepts)
    if len(query.concepts) > 1 and phrase in doc.norm_title:
        p += PHRASE
    # Of two documents covering the query alike, the one whose title says little else is the
    # broader (the framework policy rather than one narrow measure of it).
    concept_chars = sum(len(g.word) for g in query.concepts)
    extra_chars = max(0, len(_CLEAN.sub("", doc.title)) - concept_chars)
    p -= BREADTH * min(1.0, extra_chars / 40)
    return p


_CLEAN = re.compile(r"[\s\W_]+", re.UNICODE)


def rank(query: AnalysedQuery, docs: list[Candidate], scores: dict[int, float]) -> list[tuple[int, Match]]:
    """Candidates best first: coverage plus priors plus a little of the engine's own relevance."""
    now = timezone.now()
    keyed = []
    top = max((scores.get(d.pk, 0.0) * d.boost for d in docs), default=0.0) or 1.0
    for doc in docs:
        m = match(query, doc)
        if m.coverage <= 0:
            continue
        relevance = max(0.0, scores.get(doc.pk, 0.0) * doc.boost / top)
        key = m.coverage + prior(query, doc, m, now) + RELEVANCE * relevance
        keyed.append((round(key, 4), relevance, doc.pk, m))
    keyed.sort(key=lambda k: (-k[0], -k[1], k[2]))
    return [(k[2], k[3]) for k in keyed]


# ── snippets ────────────────────────────────────────────────────────────────────────────────

_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")


def passage(text: str, terms: list[str], length: int, title: str = "") -> str:
    """The ``length``-character passage of ``text`` that names most query terms.

    Sentences are the units; a passage that only repeats the title is passed over, so every
    snippet adds something to its heading.
    """
    if len(text) <= length:
        return text
    terms = [t.lower() for t in terms if t]
    sentences = [(m.start(), m.group(0)) for m in _SENTENCE.finditer(text)]
    title = normalise(title)
    best_start, best_score = 0, -1.0
    for start, sentence in sentences:
        if title and normalise(sentence).strip(" 。") == title:
            continue
        window = text[start : start + length].lower()
        found = [t for t in terms if t in window]
        # distinct terms, longer terms first; earlier passages win ties
        score = len(found) + sum(len(t) for t in found) / 100
        if score > best_score:
            best_start, best_score = start, score
    window = text[best_start : best_start + length]
    return ("…" if best_start else "") + window + ("…" if best_start + length < len(text) else "")
