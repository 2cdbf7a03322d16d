"""The reader's scope: which Wagtail site and which content language a public search covers."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Site


def scope_of(request: HttpRequest) -> tuple[int | None, str]:
    """The request's Wagtail site (None when no site is configured) and content language
    (``/en/search/`` → ``en``)."""
    site = Site.find_for_request(request)
    try:
        locale = get_supported_content_language_variant(get_language())
    except LookupError:
        locale = settings.LANGUAGE_CODE
    return (site.pk if site else None), locale
