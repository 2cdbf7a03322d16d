"""Reader display preferences: Traditional Chinese view, elderly mode, accessible mode."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from .text import to_traditional

COOKIE_SCRIPT = "portal_script"
COOKIE_ELDERLY = "portal_elderly"
COOKIE_ACCESSIBLE = "portal_accessible"
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")


@dataclass(frozen=True)
class DisplayPreferences:
    traditional: bool = False
    elderly: bool = False
    accessible: bool = False


def preferences_from(request) -> DisplayPreferences:
    cookies = request.COOKIES
    return DisplayPreferences(
        traditional=cookies.get(COOKIE_SCRIPT) == "hant",
        elderly=cookies.get(COOKIE_ELDERLY) == "1",
        accessible=cookies.get(COOKIE_ACCESSIBLE) == "1",
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
