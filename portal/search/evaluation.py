"""Offline evaluation of the search against judged queries (nDCG@10, MRR, recall@10, latency)."""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from .answers import cards_for
from .query import SearchParams, search

K = 10


def ranked_ids(query: str, k: int = K) -> list[set[str]]:
    """The identifiers (URL and index key) of the top results, answer cards first."""
    res = search(SearchParams(q=query, per_page=k), with_cards=False)
    ranked: list[set[str]] = []
    seen: set[str] = set()
    for card in cards_for(query):
        ids = {card.entity.url, card.entity.key} - {""}
        if card.entity.url and not ids & seen:
            ranked.append(ids)
            seen |= ids
    for bet in res.best_bets:
        if bet.url not in seen:
            ranked.append({bet.url})
            seen.add(bet.url)
    for item in res.items:
        ids = {item.doc.url, item.doc.key, str(item.doc.pk)}
        if not ids & seen:
            ranked.append(ids)
            seen |= ids
    return ranked[:k]


def _dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


@dataclass
class QueryScore:
    query: str
    ndcg: float
    rr: float
    recall: float
    zero: bool
    ms: float
    top: list[str] = field(default_factory=list)
    category: str = ""


def score_query(query: str, relevant: dict[str, int]) -> QueryScore:
    started = time.perf_counter()
    ranked = ranked_ids(query)
    ms = (time.perf_counter() - started) * 1000
    grades = []
    found: set[str] = set()
    for ids in ranked:
        grade = max((relevant.get(i, 0) for i in ids), default=0)
        grades.append(grade)
        found |= {i for i in ids if relevant.get(i, 0) > 0}
    ideal = _dcg(sorted(relevant.values(), reverse=True)[:K])
    ndcg = _dcg(grades) / ideal if ideal else 0.0
    rr = next((1 / (i + 1) for i, g in enumerate(grades) if g > 0), 0.0)
    wanted = {i for i, g in relevant.items() if g > 0}
    recall = len(found & wanted) / len(wanted) if wanted else 0.0
    top = [sorted(ids, key=len)[-1] for ids in ranked[:3]]
    return QueryScore(query, ndcg, rr, recall, not ranked, ms, top)


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[index]


def evaluate(judged: list[dict[str, Any]]) -> tuple[dict[str, float], list[QueryScore]]:
    # Warm-up: load the dictionary and automata outside the timings.
    if judged:
        search(SearchParams(q=judged[0]["query"]))
    scores = []
    for j in judged:
        score = score_query(j["query"], {str(k): int(v) for k, v in j["relevant"].items()})
        score.category = j.get("category", "")
        scores.append(score)
    latencies = [s.ms for s in scores]
    summary = {
        "queries": len(scores),
        **_figures(scores),
        "latency_p50_ms": statistics.median(latencies) if latencies else 0.0,
        "latency_p95_ms": _percentile(latencies, 95),
        "categories": {
            category: {"queries": len(group), **_figures(group)}
            for category, group in sorted(_by_category(scores).items())
        },
    }
    return summary, scores


def _figures(scores: list[QueryScore]) -> dict[str, float]:
    n = max(len(scores), 1)
    return {
        "ndcg@10": sum(s.ndcg for s in scores) / n,
        "mrr": sum(s.rr for s in scores) / n,
        "recall@10": sum(s.recall for s in scores) / n,
        "zero_result_rate": sum(s.zero for s in scores) / n,
    }


def _by_category(scores: list[QueryScore]) -> dict[str, list[QueryScore]]:
    groups: dict[str, list[QueryScore]] = {}
    for s in scores:
        groups.setdefault(s.category or "-", []).append(s)
    return groups


#: a query whose nDCG@10 fell by more than this against the last recorded run is a regression
REGRESSION = 0.05


def run_record(scores: list[QueryScore]) -> dict[str, dict[str, float]]:
    """Per-query figures, as kept in the record of the last run (``--save``)."""
    return {
        s.query: {"ndcg": round(s.ndcg, 4), "rr": round(s.rr, 4), "recall": round(s.recall, 4)}
        for s in scores
    }


def regressions(
    scores: list[QueryScore], last: dict[str, dict[str, float]]
) -> list[tuple[str, float, float]]:
    """(query, last nDCG, now) for every query that got markedly worse than in the last run."""
    out = []
    for s in scores:
        before = last.get(s.query)
        if before is not None and s.ndcg < before["ndcg"] - REGRESSION:
            out.append((s.query, before["ndcg"], s.ndcg))
    return out
