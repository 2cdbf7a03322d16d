"""The embedded page cache: repeated anonymous page views served from Django's cache.

For the one-machine install (``make run``: local memory, or Redis when ``REDIS_URL`` is set) where
no front cache stands before the app. :class:`portal.core.http_cache.PublicCacheMiddleware` calls
it: :func:`fetch` before any other middleware runs, :func:`keep` for a public 200 response.

Keys are ``pagecache:<generation>:<host>:<variant>:<digest of path and query>``; only URLs without
a query string, or with just ``?page=N``, are kept, for the response's ``s-maxage``. Publishing
purges exact URLs (:func:`purge_urls`, from :mod:`portal.core.purge`) in every variant and for every
host the cache has stored pages for; :func:`purge_all` moves to a new generation (site-wide
changes: site identity, top navigation).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

from .cache_rules import UNTOUCHED_PREFIXES, is_never_cached_path, is_private_request
from .middleware import all_variants, variant_of

__all__ = ["enabled", "fetch", "keep", "may_serve", "purge_all", "purge_urls"]

_GENERATION = "pagecache:generation"
_HOSTS = "pagecache:hosts"
MAX_HOSTS = 50
_QUERY_KEPT = re.compile(r"^(page=\d{1,4})?$")
_KEPT_HEADERS = {
    "content-type",
    "cache-control",
    "vary",
    "etag",
    "last-modified",
    "content-language",
    "x-portal-variant",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "cross-origin-opener-policy",
    "content-security-policy",
    "permissions-policy",
    "link",
}


def _cache():
    return caches[getattr(settings, "PORTAL_PAGE_CACHE_ALIAS", "default")]


def enabled() -> bool:
    return bool(getattr(settings, "PORTAL_PAGE_CACHE", False))


def may_serve(request) -> bool:
    """Anonymous GET/HEAD of a public URL the cache keeps: never documents, the admin, the APIs,
    login forms, nor a request with a session cookie (:mod:`portal.core.cache_rules`)."""
    return (
        not is_private_request(request)
        and not is_never_cached_path(request.path)
        and not request.path.startswith(UNTOUCHED_PREFIXES)
        and _QUERY_KEPT.match(request.META.get("QUERY_STRING", "")) is not None
    )


def _generation() -> int:
    return _cache().get(_GENERATION) or 0


def _key(generation: int, host: str, variant: str, path_and_query: str) -> str:
    digest = hashlib.sha1(path_and_query.encode("utf-8")).hexdigest()
    return f"pagecache:{generation}:{host.lower()}:{variant}:{digest}"


def _request_key(request, generation: int) -> str:
    query = request.META.get("QUERY_STRING", "")
    path = request.path + ("?" + query if query else "")
    return _key(generation, request.get_host(), variant_of(request), path)


def fetch(request) -> HttpResponse | None:
    """The stored response for this request, or None."""
    stored = _cache().get(_request_key(request, _generation()))
    if stored is None:
        return None
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Portal-Cache"] = "hit"
    return response


def _max_age(response) -> int:
    match = re.search(r"s-maxage=(\d+)", response.get("Cache-Control", ""))
    return int(match.group(1)) if match else 0


def keep(request, response) -> None:
    """Store a public 200 response for its ``s-maxage`` (never a private one, whoever calls)."""
    timeout = _max_age(response)
    cache_control = response.get("Cache-Control", "")
    if timeout <= 0 or "public" not in cache_control or response.cookies or not may_serve(request):
        return
    cache = _cache()
    host = request.get_host().lower()
    hosts = cache.get(_HOSTS) or []
    if host not in hosts and len(hosts) < MAX_HOSTS:
        cache.set(_HOSTS, [*hosts, host], None)
    headers = [(name, value) for name, value in response.items() if name.lower() in _KEPT_HEADERS]
    cache.set(
        _request_key(request, _generation()), (response.status_code, headers, response.content), timeout
    )
    response["X-Portal-Cache"] = "miss"


def purge_urls(urls) -> int:
    """Forget the stored responses of these absolute (or host-less) URLs, every variant, every
    host the cache has kept pages for. Returns the number of keys deleted."""
    cache = _cache()
    generation = _generation()
    hosts = set(cache.get(_HOSTS) or [])
    keys = []
    for url in urls:
        parts = urlsplit(url)
        path = parts.path + ("?" + parts.query if parts.query else "")
        url_hosts = hosts | ({parts.netloc.lower()} if parts.netloc else set())
        for host in url_hosts:
            keys.extend(_key(generation, host, variant, path) for variant in all_variants())
    if keys:
        cache.delete_many(keys)
    return len(keys)


def purge_all() -> None:
    """Forget every stored page (a new key generation; old entries expire on their own)."""
    cache = _cache()
    try:
        cache.incr(_GENERATION)
    except ValueError:
        cache.set(_GENERATION, 1, None)
