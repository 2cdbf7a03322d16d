"""Template tags every public page uses: navigation, breadcrumbs, meta names, toggles."""

from __future__ import annotations

import uuid

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import Page

from portal.core import tree_cache
from portal.core.models import SiteIdentity
from portal.core.navigation import chrome_for
from portal.core.routing import chain_of

register = template.Library()


def _chrome(context):
    return chrome_for(context.get("request"), context.get("page"))


@register.simple_tag(takes_context=True)
def tree_version(context) -> str:
    """The version of the page tree and site settings, for keys of cached template fragments;
    a preview (of a draft) gets a key of its own that is never read again."""
    request = context.get("request")
    if getattr(request, "is_preview", False):
        return f"preview-{uuid.uuid4().hex}"
    return str(tree_cache.version())


@register.simple_tag(takes_context=True)
def site_home(context):
    """The home page of the tree being viewed (Chinese or English site): pk, title, url."""
    chrome = _chrome(context)
    return chrome.home if chrome else None


@register.simple_tag(takes_context=True)
def nav_columns(context):
    chrome = _chrome(context)
    return list(chrome.columns) if chrome else []


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None:
        return []
    return [*chain_of(page), page]


@register.simple_tag(takes_context=True)
def meta_tags(context) -> dict:
    page = context.get("page")
    request = context.get("request")
    tags = {}
    if request is not None:
        identity = SiteIdentity.for_request(request)
        tags["SiteName"] = identity.site_name
        tags["SiteDomain"] = identity.site_domain
        tags["SiteIDCode"] = identity.site_id_code
    if page is not None and hasattr(page, "get_meta_tags"):
        tags.update(page.get_meta_tags())
    elif request is not None:
        tags.setdefault("ColumnName", context.get("column_name", ""))
    return tags


@register.simple_tag(takes_context=True)
def meta_description(context) -> str:
    """`<meta name="description">`: the page's own, else the site's (its home page's introduction)."""
    page = context.get("page")
    own = page.meta_description() if page is not None and hasattr(page, "meta_description") else ""
    if own:
        return own
    chrome = _chrome(context)
    if chrome is not None and chrome.description:
        return chrome.description
    request = context.get("request")
    return SiteIdentity.for_request(request).site_name if request is not None else ""


@register.simple_tag(takes_context=True)
def toggle_url(context, preference: str) -> str:
    request = context["request"]
    return reverse("toggle_display", args=[preference]) + "?" + urlencode({"next": request.get_full_path()})


@register.simple_tag(takes_context=True)
def other_language_url(context) -> str:
    """Link to the other-language site's home page."""
    chrome = _chrome(context)
    return chrome.other_language_url if chrome else "/"


@register.filter
def pub_date(value, fmt: str = "%Y-%m-%d"):
    if not value:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return value.strftime(fmt)


@register.filter
def validity_label(item) -> str:
    """A listed item's validity when it is no longer in force (a policy document's 失效, 废止…),
    else ''. Items without a validity cost no failed template lookup."""
    validity = getattr(item, "validity", None)
    if not validity or validity == "in_force":
        return ""
    return item.get_validity_display()


@register.filter
def specific_or_self(page: Page):
    return getattr(page, "specific", page)


@register.filter
def mask(value, kind: str = "text") -> str:
    """The masked form of a personal value (``{{ letter.phone|mask:"phone" }}``)."""
    from portal.core.personal_data import mask as mask_value

    return mask_value(value, kind)


@register.filter
def mask_text(value) -> str:
    """Free text with phone numbers, ID numbers and e-mail addresses masked (public pages)."""
    from portal.core.text import mask_personal_data

    return mask_personal_data(str(value or ""))


@register.inclusion_tag("core/includes/page_sections.html", takes_context=True)
def page_sections(context):
    """The sections other apps add to this page (``portal.core.page_sections``)."""
    from portal.core.page_sections import rendered_sections

    page = context.get("page")
    request = context.get("request")
    found = rendered_sections(page, request) if page is not None else []
    return {"sections": found, "page": page, "request": request}


@register.simple_tag(takes_context=True)
def open_graph(context) -> dict:
    """Open Graph ``<meta property>`` values (WeChat and other share cards) of an item page:
    title, description, URL and image (the page's own ``og_image_url()``, else the emblem)."""
    page = context.get("page")
    request = context.get("request")
    if page is None or request is None or getattr(page, "is_container", True):
        return {}
    from django.templatetags.static import static

    description = page.meta_description() if hasattr(page, "meta_description") else ""
    image = ""
    own = getattr(page, "og_image_url", None)
    if own is not None:
        image = own() or ""
    image = image or static("img/emblem.svg")
    identity = SiteIdentity.for_request(request)
    return {
        "og:type": "article",
        "og:site_name": identity.site_name,
        "og:title": page.seo_title or page.title,
        "og:description": description,
        "og:url": request.build_absolute_uri(page.url or request.path),
        "og:image": request.build_absolute_uri(image),
    }
