"""Template tags every public page uses: navigation, breadcrumbs, meta names, toggles."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import Page, Site

from portal.core.models import SiteIdentity

register = template.Library()


def _home_for(request, page=None):
    """The home page of the tree being viewed (Chinese or English site)."""
    if page is not None:
        ancestors = page.get_ancestors(inclusive=True)
        if len(ancestors) > 1:
            return ancestors[1].specific
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    root = site.root_page
    return (root.localized or root).specific


@register.simple_tag(takes_context=True)
def site_home(context):
    return _home_for(context.get("request"), context.get("page"))


@register.simple_tag(takes_context=True)
def nav_columns(context):
    home = _home_for(context.get("request"), context.get("page"))
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu())


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None:
        return []
    crumbs = [p for p in page.get_ancestors(inclusive=True) if p.depth > 1]
    return crumbs


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
    home = _home_for(context.get("request"), page)
    if home is not None and getattr(home, "intro", ""):
        return home.intro
    request = context.get("request")
    return SiteIdentity.for_request(request).site_name if request is not None else ""


@register.simple_tag(takes_context=True)
def toggle_url(context, preference: str) -> str:
    request = context["request"]
    return reverse("toggle_display", args=[preference]) + "?" + urlencode({"next": request.get_full_path()})


@register.simple_tag(takes_context=True)
def other_language_url(context) -> str:
    """Link to the other-language site's home page."""
    home = _home_for(context.get("request"), context.get("page"))
    if home is None:
        return "/"
    other = next((p for p in home.get_translations() if p.live), None)
    return other.url if other else "/"


@register.filter
def pub_date(value, fmt: str = "%Y-%m-%d"):
    if not value:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return value.strftime(fmt)


@register.filter
def specific_or_self(page: Page):
    return getattr(page, "specific", page)
