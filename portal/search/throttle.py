"""Rate limits of the public search (django-ratelimit), answered with 429 and a Chinese message.

The rates come from settings at request time (``SEARCH_RATE_LIMIT``,
``SEARCH_AUTOCOMPLETE_RATE_LIMIT``, e.g. ``"30/m"``), counted per client IP address in the default
cache (shared across app servers when ``REDIS_URL`` is set). Behind a proxy, set
``RATELIMIT_IP_META_KEY`` as django-ratelimit documents.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

RETRY_AFTER = 60


def _client(group: str, request: HttpRequest) -> str:
    ip_meta = getattr(settings, "RATELIMIT_IP_META_KEY", None)
    value = request.META.get(ip_meta) if isinstance(ip_meta, str) else None
    return (value or request.META.get("REMOTE_ADDR") or "unknown").split(",")[0].strip()


def _message() -> str:
    return _("您的搜索过于频繁，请稍候一分钟再试。")


def throttled(setting: str, default: str, as_json: bool = False) -> Callable:
    """Limit a view to the rate named by ``setting``; over it, answer 429 (HTML or JSON)."""

    def decorator(view):
        group = f"portal_search:{view.__name__}"

        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            rate = getattr(settings, setting, default)
            if rate and is_ratelimited(request, group=group, key=_client, rate=rate, increment=True):
                if as_json:
                    response = JsonResponse({"error": _message(), "suggestions": []}, status=429)
                else:
                    response = render(request, "search/throttled.html", {"message": _message()}, status=429)
                response["Retry-After"] = str(RETRY_AFTER)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
