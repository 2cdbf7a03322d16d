from __future__ import annotations

from django import template
from django.utils.http import urlencode

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


@register.simple_tag
def search_hot_words(limit: int = 8) -> list[str]:
    """Hot words for any template (home page, header): ``{% search_hot_words 6 as words %}``."""
    from portal.search.services import hot_words

    return hot_words()[:limit]
