"""Cache policy of every response: what a shared cache may keep, and for which reader variant.

Two kinds of response, decided in one place (:class:`PublicCacheMiddleware`):

* **public** — an anonymous GET or HEAD of the public site: ``Cache-Control: public, max-age=…,
  s-maxage=…``, a content ``ETag``, ``Last-Modified`` (when the tree or settings last changed) and a 304 for a
  matching conditional request. The page depends on the URL and on the reader preferences only
  (繁體, 长者模式, 无障碍), which travel in one small cookie, ``portal_pref``; its canonical value is
  the *variant* (``X-Portal-Variant``). ``Vary: Cookie`` stays for browsers and generic proxies —
  HTTP cannot name one cookie — while the portal's own caches key on the variant and the front
  cache (``deploy/varnish-portal.vcl``) strips every other cookie before it looks up, so session
  and CSRF cookies never split or poison the cache.
* **private** — ``Cache-Control: private, no-store``: everything :mod:`portal.core.cache_rules`
  names (documents, the admin and APIs, login forms, signed-in users and session cookies, previews,
  pages with view restrictions, anything not a GET or HEAD), responses that set a cookie or used
  the CSRF token, error statuses and views that say so with :func:`private_response` (search
  results, click logging).

A view may also set its own ``Cache-Control`` (the QR code's day-long ``public``); it is kept
unless the response is private by the rules above.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from . import page_cache, tree_cache
from .cache_rules import UNTOUCHED_PREFIXES, is_private_request
from .middleware import variant_of

__all__ = [
    "PublicCacheMiddleware",
    "apply_policy",
    "conditional",
    "mark_page",
    "private_response",
    "public_response",
]

#: Statuses a shared cache may keep; a 404 and a redirect only briefly.
CACHEABLE_STATUSES = {200: None, 301: 60, 404: 60, 410: 60}
#: How long a shared cache keeps a URL with a query string (pagination): it is not purged by URL.
QUERY_S_MAXAGE = 60

_PRIVATE = "private"
_PUBLIC = "public"


def _mark(response, kind: str, s_maxage: int | None = None):
    response._portal_cache = (kind, s_maxage)
    return response


def private_response(view: Callable) -> Callable:
    """Decorator: this view's responses are rendered per request and never kept by a shared cache."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return _mark(view(request, *args, **kwargs), _PRIVATE)

    return wrapper


def public_response(view: Callable | None = None, *, s_maxage: int | None = None) -> Callable:
    """Decorator: this view is a public page (the default for the public URL space), optionally
    with its own shared-cache lifetime."""

    def decorator(func):
        @functools.wraps(func)
        def wrapper(request, *args, **kwargs):
            return _mark(func(request, *args, **kwargs), _PUBLIC, s_maxage)

        return wrapper

    return decorator(view) if view is not None else decorator


def mark_page(request, page) -> None:
    """Called as Wagtail serves ``page`` (a ``before_serve_page`` hook that runs before Wagtail's
    own restriction check): remember it, and make the response private when the page or an
    ancestor has view restrictions (password, login, groups) — the login redirect, the password
    form and the page itself alike."""
    request.portal_page = page
    if page.get_view_restrictions().exists():
        request.portal_cache_private = True


def _make_private(response) -> None:
    response["Cache-Control"] = "private, no-store"
    for header in ("ETag", "Last-Modified", "Expires", "X-Portal-Variant"):
        if header in response:
            del response[header]


def _strip_vary(response, name: str) -> None:
    if response.has_header("Vary"):
        kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != name.lower()]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]


def _make_public(request, response, s_maxage: int | None):
    status_age = CACHEABLE_STATUSES[response.status_code]
    shared = s_maxage if s_maxage is not None else status_age or settings.PORTAL_CACHE_S_MAXAGE
    if request.META.get("QUERY_STRING"):
        shared = min(shared, QUERY_S_MAXAGE)
    browser = min(settings.PORTAL_CACHE_MAX_AGE, shared)
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = f"public, max-age={browser}, s-maxage={shared}"
    # Content does not depend on Accept-Language (the language is in the path): do not split on it.
    _strip_vary(response, "Accept-Language")
    patch_vary_headers(response, ["Cookie"])
    response["X-Portal-Variant"] = variant_of(request)
    if response.streaming:
        return response
    if not response.has_header("ETag"):
        digest = hashlib.blake2b(response.content, digest_size=16).hexdigest()
        response["ETag"] = f'"{digest}"'
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(tree_cache.changed_at())
    return response


def conditional(request, response):
    """A 304 when the request's validators match a public response, else the response."""
    if response.status_code != 200 or not response.has_header("ETag"):
        return response
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=last_modified, response=response
    )


def apply_policy(request, response):
    """Set the response's cache headers; return whether the embedded cache may keep it."""
    if request.path.startswith(UNTOUCHED_PREFIXES):
        return False
    kind, s_maxage = getattr(response, "_portal_cache", (_PUBLIC, None))
    cache_control = response.get("Cache-Control", "")
    if (
        kind == _PRIVATE
        or is_private_request(request)
        or response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or response.status_code not in CACHEABLE_STATUSES
        or "private" in cache_control
        or "no-store" in cache_control
    ):
        _make_private(response)
        return False
    own_policy = bool(cache_control)
    _make_public(request, response, s_maxage)
    return response.status_code == 200 and not own_policy and not response.streaming


class PublicCacheMiddleware:
    """The portal's HTTP cache layer: cache policy of every response, and the embedded page cache.

    Sits just inside WhiteNoise, outside the session, CSRF, locale and message middleware, so that
    it answers a stored page before any of them runs and sees the final cookies and ``Vary`` of a
    fresh response. The embedded cache (:mod:`portal.core.page_cache`, on when
    ``PORTAL_PAGE_CACHE`` is true) keeps public 200 responses keyed on host, path and variant.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        store = page_cache.enabled() and page_cache.may_serve(request)
        if store:
            stored = page_cache.fetch(request)
            if stored is not None:
                return conditional(request, stored)
        response = self.get_response(request)
        if apply_policy(request, response) and store:
            page_cache.keep(request, response)
        return conditional(request, response)
