"""Views of the pages app that are not Wagtail pages themselves."""

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Page, Site

from portal.core.visibility import public

from .models import HomePage


def _navigable_children(page: Page):
    """The columns (and directories) below a page, without the articles filed in them."""
    return [p for p in public(page.get_children().live()).specific() if getattr(p, "is_container", False)]


def site_map(request: HttpRequest) -> HttpResponse:
    """The human-readable site map (网站地图): every column to the third level, no articles."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    home = (site.root_page.localized or site.root_page).specific
    if not isinstance(home, HomePage):
        raise Http404
    tree = [
        (column, [(child, list(_navigable_children(child))) for child in _navigable_children(column)])
        for column in _navigable_children(home)
    ]
    return TemplateResponse(request, "pages/site_map.html", {"home": home, "tree": tree})
