"""Search verbs used by views and the admin: logging, hot words, autocomplete, filter choices.

Query logs hold no personal data: queries are masked (:func:`portal.core.text.mask_personal_data`)
before they are stored, the visitor is a salted hash, rows older than
``SEARCH_LOG_RETENTION_DAYS`` are purged, and a logged query reaches the public (autocomplete, hot
words) only once ``SEARCH_PUBLIC_MIN_VISITORS`` distinct visitors have typed it.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.crypto import salted_hmac

from portal.core.text import mask_personal_data

from .models import ClickLog, DeniedTerm, HotWord, QueryLog, Synonym, Term
from .query import SearchParams, SearchResults, scoped_documents
from .text import normalise, pinyin_of

HOT_WORDS_KEY = "portal_search:hot-words"


def retention_days() -> int:
    return int(getattr(settings, "SEARCH_LOG_RETENTION_DAYS", 180))


def public_min_visitors() -> int:
    """Distinct visitors who must have typed a query before others are shown it."""
    return max(1, int(getattr(settings, "SEARCH_PUBLIC_MIN_VISITORS", 5)))


def visitor_key(request) -> str:
    """A salted hash standing for the visitor (their session, else their IP address): enough to
    count distinct visitors, never the address itself."""
    session = getattr(request, "session", None)
    ident = (session.session_key if session is not None else None) or request.META.get("REMOTE_ADDR", "")
    if not ident:
        return ""
    return salted_hmac("portal.search.visitor", ident, algorithm="sha256").hexdigest()[:32]


def log_query(params: SearchParams, results: SearchResults, visitor: str = "") -> QueryLog:
    query = mask_personal_data(params.q)
    return QueryLog.objects.create(
        query=query[:200],
        normalised=mask_personal_data(normalise(params.q))[:200],
        result_count=results.total,
        doc_type=",".join(params.types)[:40],
        page=params.page,
        suggestion=mask_personal_data(results.suggestion)[:200],
        visitor=visitor,
        site_id=params.site_id,
        locale=params.locale or "",
    )


def purge_query_logs(now=None) -> int:
    """Delete query and click logs older than the retention period; returns the queries deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=retention_days())
    ClickLog.objects.filter(created_at__lt=cutoff).delete()
    deleted, _ = QueryLog.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _scoped_logs(site_id: int | None, locale: str | None):
    qs = QueryLog.objects.all()
    if site_id is not None:
        qs = qs.filter(site_id=site_id)
    if locale is not None:
        qs = qs.filter(locale=locale)
    return qs


def _public_queries(qs):
    """Logged queries typed by enough distinct visitors, most visitors first."""
    return (
        qs.exclude(visitor="")
        .values("normalised")
        .annotate(visitors=Count("visitor", distinct=True))
        .filter(visitors__gte=public_min_visitors())
        .order_by("-visitors", "normalised")
    )


def _denied() -> set[str]:
    return set(DeniedTerm.objects.values_list("term", flat=True))


def _allowed(text: str, denied: set[str]) -> bool:
    return not any(d and d in text for d in denied)


def _hot_words_key(site_id: int | None, locale: str | None) -> str:
    return f"{HOT_WORDS_KEY}:{site_id}:{locale}"


def hot_words_changed() -> None:
    """Forget cached hot words (every site and language: the cache keys carry a version)."""
    try:
        cache.incr(HOT_WORDS_KEY)
    except ValueError:
        cache.set(HOT_WORDS_KEY, 1, None)


def hot_words(
    limit: int = 10, days: int = 30, site_id: int | None = None, locale: str | None = None
) -> list[str]:
    """Editor-pinned hot words, then recent queries that found something and that enough
    distinct visitors typed (in the reader's site and language)."""
    key = f"{_hot_words_key(site_id, locale)}:{cache.get(HOT_WORDS_KEY, 0)}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    denied = _denied()
    words = [w for w in HotWord.objects.values_list("word", flat=True) if _allowed(w, denied)]
    since = timezone.now() - timedelta(days=days)
    recent = _scoped_logs(site_id, locale).filter(created_at__gte=since, result_count__gt=0, page=1)
    for row in _public_queries(recent)[: limit * 3]:
        word = row["normalised"]
        if word and word not in words and _allowed(word, denied) and len(word) <= 20:
            words.append(word)
    words = words[:limit]
    cache.set(key, words, 600)
    return words


def autocomplete(
    q: str, limit: int = 8, site_id: int | None = None, locale: str | None = None
) -> list[dict[str, str]]:
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

    logged = _scoped_logs(site_id, locale).filter(normalised__startswith=norm, result_count__gt=0)
    for row in _public_queries(logged)[:3]:
        add(row["normalised"], "query")
    titles = scoped_documents(site_id, locale).filter(title__startswith=q.strip())
    for title, url in titles.values_list("title", "url")[:4]:
        add(title, "title", url)
    terms = Term.objects.filter(text__startswith=norm)
    if norm.isascii() and norm.isalpha():
        terms = Term.objects.filter(pinyin__startswith=norm) | Term.objects.filter(initials=norm)
    for text in terms.order_by("-weight").values_list("text", flat=True)[:limit]:
        add(text, "word")
    return out


def organisation_choices(site_id: int | None = None, locale: str | None = None) -> list[tuple[int, str]]:
    """Organisations that have something in the index, in the reader's site and language."""
    key = f"portal_search:org-choices:{site_id}:{locale}"
    choices = cache.get(key)
    if choices is None:
        rows = (
            scoped_documents(site_id, locale)
            .exclude(organisation_id=None)
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


def _closest_term(word: str) -> str | None:
    """The vocabulary word most like ``word`` (same length ±1, at most a third of it different)."""
    import difflib

    if len(word) < 2 or len(word) > 12:
        return None
    from django.db.models.functions import Length

    pool = list(
        Term.objects.filter(weight__gt=0)
        .exclude(text=word)
        .annotate(length=Length("text"))
        .filter(length__gte=max(2, len(word) - 1), length__lte=len(word) + 1, text__contains=word[0])
        .order_by("-weight")
        .values_list("text", flat=True)[:2000]
    )
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.66)
    return close[0] if close else None


def synonym_candidates(days: int = 30, limit: int = 50) -> list[dict]:
    """同义词候选: queries that found nothing, or found results nobody clicked (asked at least
    twice), each with the vocabulary word it most likely means, for an editor to approve."""
    from .text import from_pinyin, suggest, synonyms_of

    since = timezone.now() - timedelta(days=days)
    rows = (
        QueryLog.objects.filter(created_at__gte=since, page=1)
        .values("normalised")
        .annotate(n=Count("id"), clicks=Count("clicks"), results=Max("result_count"))
        .order_by("-n")
    )
    denied = _denied()
    out = []
    for row in rows[: limit * 4]:
        query = row["normalised"]
        low_click = row["results"] > 0 and row["clicks"] == 0 and row["n"] >= 2
        if not query or " " in query or not (row["results"] == 0 or low_click) or synonyms_of(query):
            continue
        if query.isascii():
            found = from_pinyin(query, limit=1)
            candidate = found[0] if found else None
        else:
            candidate = suggest(query) or _closest_term(query)
        if candidate and candidate != query and _allowed(candidate, denied):
            out.append({"query": query, "candidate": candidate, "n": row["n"], "results": row["results"]})
        if len(out) >= limit:
            break
    return out


def approve_synonym(query: str, candidate: str) -> Synonym:
    """Make an editor-approved candidate a synonym group (the vocabulary word first)."""
    return Synonym.objects.create(
        terms=f"{normalise(candidate)} {normalise(query)}"[:300], note="零结果/低点击候选"
    )


def related_documents(q: str, types=(), limit: int = 10, locale: str | None = "zh-hans") -> list[dict]:
    """What the index finds for ``q`` (optionally only ``types``), as plain dicts
    (``key``, ``type``, ``type_label``, ``title``, ``url``, ``date``, ``organisation``): for apps
    that link to other apps' content without importing it (e.g. the public-concern catalogue)."""
    from .query import search

    results = search(SearchParams(q=q, types=list(types), per_page=limit, locale=locale), with_cards=False)
    return [_document_dict(item.doc, item.type_label) for item in results.items]


def documents_by_key(keys) -> list[dict]:
    """Indexed entries by their keys (``"policy:12"``), in the order given; missing keys are skipped."""
    from .models import SearchDocument
    from .registry import registry

    keys = list(keys)
    found = {d.key: d for d in SearchDocument.objects.filter(key__in=keys)}
    labels = registry.labels()
    return [
        _document_dict(found[k], labels.get(found[k].doc_type, found[k].doc_type)) for k in keys if k in found
    ]


def _document_dict(doc, type_label) -> dict:
    return {
        "key": doc.key,
        "type": doc.doc_type,
        "type_label": str(type_label),
        "title": doc.title,
        "url": doc.url,
        "date": doc.date,
        "organisation": doc.organisation_name,
    }


def query_demand(terms, days: int = 90) -> int:
    """How many logged public searches in the last ``days`` contain any of ``terms`` (demand)."""
    from django.db.models import Q

    words = [normalise(t) for t in terms if t and t.strip()]
    if not words:
        return 0
    match = Q()
    for word in words:
        match |= Q(normalised__contains=word)
    since = timezone.now() - timedelta(days=days)
    return QueryLog.objects.filter(match, created_at__gte=since).count()


__all__ = [
    "autocomplete",
    "documents_by_key",
    "query_demand",
    "related_documents",
    "hot_words",
    "log_query",
    "pinyin_of",
    "purge_query_logs",
    "synonym_candidates",
    "visitor_key",
    "zero_result_queries",
]
