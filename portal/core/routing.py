"""Finding the page of a public URL in a few queries.

Wagtail walks the tree one level at a time (two queries per URL segment, plus the site, its root
page, the locale and the translation). Here the site of a host and the home page of a site and
language come from :mod:`portal.core.tree_cache`, and the home page plus every page along the URL
is read in one query (slugs are indexed, ``url_path`` spells the chain) and made specific in one
query per page type. The chain is kept on the page (:func:`chain_of`) for breadcrumbs, the column
of a page and its parent. What Wagtail does after routing — sub-routes of routable pages (feeds),
the live check, hooks, view restrictions — is unchanged: :class:`RoutingMiddleware` hands the
route to Wagtail's own page view (``request._wagtail_route_for_request``).
"""

from __future__ import annotations

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import DisallowedHost
from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Page, Site

from . import tree_cache

__all__ = ["RoutingMiddleware", "chain_of", "find_site", "home_entry", "route"]

#: Depth of a site's home page (the tree's root is 1).
HOME_DEPTH = 2


def find_site(request) -> Site | None:
    """Wagtail's ``Site.find_for_request``, kept in the cache per host and port."""
    if not hasattr(request, "_wagtail_site"):
        try:
            host = request.get_host()
        except DisallowedHost:
            return Site.find_for_request(request)
        key = hashlib.sha1(f"{host}|{request.get_port()}".encode()).hexdigest()
        request._wagtail_site = tree_cache.get_or_set(f"site:{key}", lambda: Site._find_for_request(request))
    return request._wagtail_site


class RoutingMiddleware:
    """Routes a request for Wagtail's page view with :func:`route` (Wagtail's view then finds the
    route on the request, ``request._wagtail_route_for_request``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail import views as wagtail_views

        if view_func is wagtail_views.serve and not hasattr(request, "_wagtail_route_for_request"):
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            try:
                request._wagtail_route_for_request = route(request, path)
            except Http404:
                request._wagtail_route_for_request = None


def home_entry(site: Site) -> tuple[int, str, str] | None:
    """(pk, tree path, url_path) of the site's home page in the active language."""

    def read():
        root = site.root_page.localized
        return root.pk, root.path, root.url_path

    return tree_cache.get_or_set(f"home:{site.pk}:{get_language()}", read)


def chain_of(page) -> list:
    """``page``'s ancestors below the tree root, specific, nearest last (kept from routing or read
    once)."""
    chain = getattr(page, "_portal_chain", None)
    if chain is None:
        chain = list(page.get_ancestors().filter(depth__gte=HOME_DEPTH).specific())
        page._portal_chain = chain
    return chain


def route(request, path: str):
    """Wagtail's ``RouteResult`` for ``path`` on the request's site, or raise ``Http404``."""
    site = find_site(request)
    entry = home_entry(site) if site is not None else None
    if entry is None:
        raise Http404
    home_pk, home_path, home_url_path = entry
    components = [c for c in path.split("/") if c]
    prefixes = [home_url_path + "/".join(components[: i + 1]) + "/" for i in range(len(components))]
    chain = _known_chain(home_pk, home_path, prefixes) or _read_chain(home_pk, home_path, prefixes)
    target = chain[-1]
    if chain[0].depth == HOME_DEPTH:
        target._portal_chain = chain[:-1]
    return target.route(request, components[len(chain) - 1 :])


def _read_chain(home_pk: int, home_path: str, prefixes: list[str]) -> list:
    """The home page and the pages along the URL as far as they exist, read from the database."""
    query = Q(pk=home_pk)
    if prefixes:
        slugs = {prefix.rstrip("/").rsplit("/", 1)[-1] for prefix in prefixes}
        query |= Q(slug__in=slugs, url_path__in=prefixes, path__startswith=home_path)
    found = {p.url_path: p for p in Page.objects.filter(query).specific()}
    home = next((p for p in found.values() if p.pk == home_pk), None)
    if home is None:
        raise Http404
    chain = [home]
    for prefix in prefixes:
        page = found.get(prefix)
        if page is None:
            break
        page._cached_parent_obj = chain[-1]
        chain.append(page)
    return chain


# The pages above the one asked for (the home page, columns) as they were at one tree version:
# shared by the requests of this process until any page or setting changes. The page asked for is
# always read fresh.
_ancestors: dict = {"version": None, "pages": {}}


def _known_chain(home_pk: int, home_path: str, prefixes: list[str]) -> list | None:
    """The chain of a URL that resolved in full before at this tree version: the ancestors from
    this process's memory, the page itself in one query. ``None`` for a URL not known yet."""
    version = tree_cache.version()
    key = "route:" + hashlib.sha1("|".join([str(home_pk), *prefixes]).encode()).hexdigest()
    entries = tree_cache.get_or_set(
        key, lambda: _chain_entries(home_pk, home_path, prefixes), keep_none=False
    )
    if not entries:
        return None
    if _ancestors["version"] != version:
        _ancestors["version"], _ancestors["pages"] = version, {}
    pages = _ancestors["pages"]
    missing = [pk for pk, _ in entries[:-1] if pk not in pages]
    if missing:
        pages.update({p.pk: p for p in Page.objects.filter(pk__in=missing).specific()})
    target_pk, target_type = entries[-1]
    model = ContentType.objects.get_for_id(target_type).model_class()
    target = model._default_manager.filter(pk=target_pk).first() if model else None
    if target is None or any(pk not in pages for pk, _ in entries[:-1]):
        return None
    chain = [pages[pk] for pk, _ in entries[:-1]]
    for parent, page in zip(chain, chain[1:] + [target], strict=True):
        page._cached_parent_obj = parent
    return [*chain, target]


def _chain_entries(home_pk: int, home_path: str, prefixes: list[str]) -> list | None:
    """(pk, content type) from the home page down, when every segment of the URL is a page;
    ``None`` otherwise (sub-routes and unknown URLs are not remembered)."""
    if not prefixes:
        return None
    rows = Page.objects.filter(
        Q(pk=home_pk) | Q(url_path__in=prefixes, path__startswith=home_path)
    ).values_list("pk", "url_path", "content_type_id")
    by_path = {url_path: (pk, type_id) for pk, url_path, type_id in rows}
    home = next(((pk, type_id) for pk, _, type_id in rows if pk == home_pk), None)
    if home is None or any(prefix not in by_path for prefix in prefixes):
        return None
    return [home, *(by_path[prefix] for prefix in prefixes)]
