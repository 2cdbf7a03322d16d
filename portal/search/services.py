"""Search verbs used by views and the admin: logging, hot words, autocomplete, filter choices."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import DeniedTerm, HotWord, QueryLog, SearchDocument, Term
from .query import SearchParams, SearchResults
from .text import normalise, pinyin_of

VALIDITY_CHOICES = {
    "in_force": _("有效"),
    "expired": _("失效"),
    "repealed": _("废止"),
    "revised": _("已修订"),
}
HOT_WORDS_KEY = "portal_search:hot-words"
HOT_MIN_COUNT = 3  # a logged query becomes a hot word after this many searches


def log_query(params: SearchParams, results: SearchResults) -> QueryLog:
    return QueryLog.objects.create(
        query=params.q[:200],
        normalised=normalise(params.q)[:200],
        result_count=results.total,
        doc_type=",".join(params.types)[:40],
        page=params.page,
        suggestion=results.suggestion[:200],
    )


def _denied() -> set[str]:
    return set(DeniedTerm.objects.values_list("term", flat=True))


def _allowed(text: str, denied: set[str]) -> bool:
    return not any(d and d in text for d in denied)


def hot_words(limit: int = 10, days: int = 30) -> list[str]:
    """Editor-pinned hot words, then the most frequent recent queries that found something."""
    cached = cache.get(HOT_WORDS_KEY)
    if cached is not None:
        return cached
    denied = _denied()
    words = [w for w in HotWord.objects.values_list("word", flat=True) if _allowed(w, denied)]
    since = timezone.now() - timedelta(days=days)
    frequent = (
        QueryLog.objects.filter(created_at__gte=since, result_count__gt=0, page=1)
        .values("normalised")
        .annotate(n=Count("id"))
        .order_by("-n")[: limit * 3]
    )
    for row in frequent:
        if row["n"] < HOT_MIN_COUNT:
            break
        word = row["normalised"]
        if word and word not in words and _allowed(word, denied) and len(word) <= 20:
            words.append(word)
    words = words[:limit]
    cache.set(HOT_WORDS_KEY, words, 600)
    return words


def autocomplete(q: str, limit: int = 8) -> list[dict[str, str]]:
    """Titles, vocabulary words and popular queries that start with (or spell in pinyin) ``q``."""
    norm = normalise(q)
    if not norm:
        return []
    denied = _denied()
    out: list[dict[str, str]] = []
    seen: set[str] = set()

    def add(text: str, kind: str, url: str = "") -> None:
        if text not in seen and _allowed(text, denied) and len(out) < limit:
            seen.add(text)
            out.append({"text": text, "kind": kind, "url": url})

    for row in (
        QueryLog.objects.filter(normalised__startswith=norm, result_count__gt=0)
        .values("normalised")
        .annotate(n=Count("id"))
        .order_by("-n")[:3]
    ):
        add(row["normalised"], "query")
    for title, url in SearchDocument.objects.filter(title__startswith=q.strip()).values_list("title", "url")[
        :4
    ]:
        add(title, "title", url)
    terms = Term.objects.filter(text__startswith=norm)
    if norm.isascii() and norm.isalpha():
        terms = Term.objects.filter(pinyin__startswith=norm) | Term.objects.filter(initials=norm)
    for text in terms.order_by("-weight").values_list("text", flat=True)[:limit]:
        add(text, "word")
    return out


def organisation_choices() -> list[tuple[int, str]]:
    """Organisations that have something in the index (for the filter)."""
    key = "portal_search:org-choices"
    choices = cache.get(key)
    if choices is None:
        rows = (
            SearchDocument.objects.exclude(organisation_id=None)
            .values("organisation_id")
            .annotate(name=Max("organisation_name"), n=Count("id"))
            .order_by("-n")[:80]
        )
        choices = [(r["organisation_id"], r["name"]) for r in rows]
        cache.set(key, choices, 300)
    return choices


def zero_result_queries(days: int = 30, limit: int = 200) -> list[dict]:
    since = timezone.now() - timedelta(days=days)
    return list(
        QueryLog.objects.filter(created_at__gte=since, result_count=0)
        .values("normalised")
        .annotate(n=Count("id"), last=Max("created_at"))
        .order_by("-n", "-last")[:limit]
    )


def query_stats(days: int = 30, limit: int = 50) -> list[dict]:
    since = timezone.now() - timedelta(days=days)
    return list(
        QueryLog.objects.filter(created_at__gte=since, page=1)
        .values("normalised")
        .annotate(n=Count("id"), clicks=Count("clicks"), results=Max("result_count"))
        .order_by("-n")[:limit]
    )


__all__ = ["autocomplete", "hot_words", "log_query", "pinyin_of", "zero_result_queries"]
