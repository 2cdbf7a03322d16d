from __future__ import annotations

from django import template
from django.utils.http import urlencode

from portal.search.scope import scope_of
from portal.search.services import hot_words

register = template.Library()


@register.simple_tag(takes_context=True)
def search_url(context, **changes) -> str:
    """The current search URL with some parameters replaced (None removes one); page resets to 1."""
    request = context["request"]
    params = request.GET.copy()
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        if key == "type":
            params.setlist("type", [value] if value else [])
        elif value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return request.path + ("?" + params.urlencode() if params else "")


@register.simple_tag(takes_context=True)
def click_url(context, url: str, position: int) -> str:
    path = context["request"].path.rstrip("/") + "/click/"
    return path + "?" + urlencode({"u": url, "l": context.get("log_id") or "", "p": position})


@register.inclusion_tag("search/includes/card.html")
def answer_card(card) -> dict:
    return {"card": card}


@register.simple_tag(takes_context=True)
def search_hot_words(context, limit: int = 8) -> list[str]:
    """Hot words for any template (home page, header): ``{% search_hot_words 6 as words %}``.

    In the reader's site and language when the template has a request."""
    request = context.get("request")
    if request is None:
        return hot_words()[:limit]
    site_id, locale = scope_of(request)
    return hot_words(site_id=site_id, locale=locale)[:limit]


@register.filter
def get_item(mapping, key):
    """``{{ params.facets|get_item:facet.name }}``"""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
