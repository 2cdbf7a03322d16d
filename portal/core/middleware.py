"""Reader display preferences: Traditional Chinese view, elderly mode, accessible mode.

They travel in one small cookie, ``portal_pref``, whose value lists the chosen flags in a fixed
order (``hant.elderly.a11y``; no cookie for the default view). That canonical value is the cache
*variant* of a page (:func:`variant_of`): the caches key on it and on nothing else of the reader.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from .text import to_traditional

PREF_COOKIE = "portal_pref"
#: The reader preferences, in their canonical order inside the cookie value.
PREF_FLAGS = ("hant", "elderly", "a11y")
DEFAULT_VARIANT = "std"
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")


@dataclass(frozen=True)
class DisplayPreferences:
    traditional: bool = False
    elderly: bool = False
    accessible: bool = False


def pref_flags(raw: str | None) -> tuple[str, ...]:
    """The known flags in a raw cookie value, in canonical order; unknown ones are dropped."""
    given = set((raw or "").split("."))
    return tuple(flag for flag in PREF_FLAGS if flag in given)


def pref_value(flags) -> str:
    """The cookie value for a set of flags ('' is the default view: no cookie)."""
    chosen = set(flags)
    return ".".join(flag for flag in PREF_FLAGS if flag in chosen)


def variant_of(request) -> str:
    """The cache variant of a request: its canonical preference flags, or ``std``."""
    return pref_value(pref_flags(request.COOKIES.get(PREF_COOKIE))) or DEFAULT_VARIANT


def all_variants() -> list[str]:
    """Every variant a page can have (2³ combinations of the flags)."""
    variants = []
    for mask in range(2 ** len(PREF_FLAGS)):
        flags = [flag for i, flag in enumerate(PREF_FLAGS) if mask & (1 << i)]
        variants.append(pref_value(flags) or DEFAULT_VARIANT)
    return variants


def preferences_from(request) -> DisplayPreferences:
    flags = pref_flags(request.COOKIES.get(PREF_COOKIE))
    return DisplayPreferences(
        traditional="hant" in flags, elderly="elderly" in flags, accessible="a11y" in flags
    )


class DisplayPreferencesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.display = preferences_from(request)
        response = self.get_response(request)
        if not request.path.startswith(EXCLUDED_PREFIXES):
            patch_vary_headers(response, ["Cookie"])
        return response


def convert_html(html: str) -> str:
    """Traditional rendering of a page, cached by the page's content."""
    key = "hant:" + hashlib.sha1(html.encode("utf-8")).hexdigest()
    converted = cache.get(key)
    if converted is None:
        converted = to_traditional(html, settings.PORTAL_TRADITIONAL_CONFIG)
        cache.set(key, converted, 24 * 3600)
    return converted


class TraditionalChineseMiddleware:
    """Renders the Chinese site in Traditional characters for readers who asked for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        display = getattr(request, "display", None)
        if (
            display is not None
            and display.traditional
            and not request.path.startswith(EXCLUDED_PREFIXES)
            and (get_language() or "").startswith("zh")
            and response.get("Content-Type", "").startswith("text/html")
            and not response.streaming
            and response.status_code == 200
        ):
            charset = response.charset or "utf-8"
            response.content = convert_html(response.content.decode(charset)).encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
