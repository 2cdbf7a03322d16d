"""What no cache may ever keep: the rules shared by the cache policy and the embedded page cache.

One list, read by :mod:`portal.core.http_cache` (the ``Cache-Control`` of every response) and by
:mod:`portal.core.page_cache` (what the embedded cache looks up and stores); the front cache's VCL
(``deploy/varnish-portal.vcl``) repeats it for Varnish. Never cached, by any layer:

* documents (``/documents/``: every file goes through the permission-checked view), the admin,
  the APIs (OA intake), the display toggles, Wagtail's login and password forms (``/_util/``),
  the public accounts (用户中心 ``/yonghu/``: login, registration, password reset, personal pages);
  the single sign-on provider (``/sso/``, ``/.well-known/``: consent, tokens, discovery, keys);
* any method but GET and HEAD;
* requests of signed-in users and any request carrying a session cookie (an anonymous reader who
  entered a page's password has a session too), or an ``Authorization`` header;
* previews, and pages with view restrictions (password, login, groups) — marked as they are served.
"""

from __future__ import annotations

import re

from django.conf import settings

__all__ = [
    "NEVER_CACHED",
    "UNTOUCHED_PREFIXES",
    "has_session_cookie",
    "is_never_cached_path",
    "is_private_request",
]

#: Path roots (optionally after a language prefix such as ``/en/``) whose responses are personal
#: or must be checked per request.
NEVER_CACHED = (
    "admin",
    "django-admin",
    "api",
    "display",
    "documents",
    "_util",
    "yonghu",
    "sso",
    ".well-known",
)
_NEVER_CACHED_PATH = re.compile(
    r"^/(?:[a-z]{2}(?:-[a-z]+)?/)?(?:" + "|".join(map(re.escape, NEVER_CACHED)) + r")/"
)
#: Served by other layers that keep their own headers: WhiteNoise, the rendition view.
UNTOUCHED_PREFIXES = ("/static/", "/media/")


def is_never_cached_path(path: str) -> bool:
    return _NEVER_CACHED_PATH.match(path) is not None


def has_session_cookie(request) -> bool:
    """Whether the request may belong to a signed-in user or carry a reader's own state."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def is_private_request(request) -> bool:
    """Requests whose response is personal, whatever the view says."""
    if request.method not in ("GET", "HEAD"):
        return True
    if is_never_cached_path(request.path):
        return True
    if has_session_cookie(request) or request.META.get("HTTP_AUTHORIZATION"):
        return True
    if getattr(request, "is_preview", False) or getattr(request, "portal_cache_private", False):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
