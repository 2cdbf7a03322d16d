"""What the header and toolbar of every page show: the home page, the top navigation and the
other language's home, kept per site and home page in :mod:`portal.core.tree_cache`."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Page

from . import routing, tree_cache, visibility

__all__ = ["Chrome", "Link", "chrome_for"]


@dataclass(frozen=True)
class Link:
    pk: int
    title: str
    url: str
    path: str
    depth: int


@dataclass(frozen=True)
class Chrome:
    home: Link
    columns: tuple[Link, ...]
    #: the other language's home page (the Chinese site's English one and back), or "/"
    other_language_url: str
    #: the site's introduction (the home page's 网站简介), the description of pages without their own
    description: str = ""


def _link(page, request) -> Link:
    return Link(page.pk, page.title, page.get_url(request) or "/", page.path, page.depth)


def _read(request, home_path: str) -> Chrome | None:
    home = Page.objects.filter(path=home_path).first()
    if home is None:
        return None
    columns = visibility.public(home.get_children().live().in_menu())
    other = next((p for p in home.get_translations() if p.live), None)
    return Chrome(
        home=_link(home, request),
        columns=tuple(_link(c, request) for c in columns),
        other_language_url=(other.get_url(request) if other else None) or "/",
        description=getattr(home.specific, "intro", "") or "",
    )


def _home_path(request, page) -> str | None:
    if page is not None and page.depth and page.depth >= routing.HOME_DEPTH:
        return page.path[: Page.steplen * routing.HOME_DEPTH]
    site = routing.find_site(request) if request is not None else None
    entry = routing.home_entry(site) if site is not None else None
    return entry[1] if entry else None


def chrome_for(request, page=None) -> Chrome | None:
    """The header data of the tree being viewed (Chinese or English site), once per request."""
    memo = getattr(request, "_portal_chrome", None) if request is not None else None
    if memo is not None:
        return memo
    home_path = _home_path(request, page)
    if home_path is None:
        return None
    site = routing.find_site(request) if request is not None else None
    chrome = tree_cache.get_or_set(
        f"chrome:{site.pk if site else 0}:{home_path}", lambda: _read(request, home_path)
    )
    if request is not None and chrome is not None:
        request._portal_chrome = chrome
    return chrome
