"""What to purge from the caches when a page changes, and purging it.

:func:`purge_set` names the exact URLs whose content shows a page: the page itself (with its
cached sub-paths: a column's feeds), every ancestor below the root (the column lists that show it,
up to the home page, with their feeds), the site's ``sitemap.xml``, plus what the page type adds in
``extra_purge_urls()`` (a column: the human site map). A change to something every page shows —
the home page, a top-level column (the navigation) — is *site-wide*.

On publish, unpublish (and so delete: Wagtail unpublishes a live page before deleting it) and move,
the set is purged after the transaction commits from the embedded page cache
(:mod:`portal.core.page_cache`) and from each front cache of ``WAGTAILFRONTENDCACHE``
(``wagtail.contrib.frontend_cache`` backends; a site-wide change sends a ``BAN`` for the host to
backends that have ``purge_host``). Adding or removing a page's view restriction purges the page
and everything below it. See docs/adr/0003-front-cache-and-purge.md.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import page_cache
from .models import SiteIdentity

__all__ = ["PurgeSet", "VarnishBackend", "purge", "purge_pages", "purge_set", "purge_site"]

logger = logging.getLogger(__name__)

#: Depth of a site's home page in the tree (the root is 1); its children make the navigation.
HOME_DEPTH = 2


@dataclass
class PurgeSet:
    urls: set[str] = field(default_factory=set)
    #: the change shows on every page of these site root URLs (navigation, footer, home title)
    site_wide: set[str] = field(default_factory=set)
    #: those of ``urls`` that only list the changed page and may be served once more from the
    #: previous copy while the new one renders (a soft purge, at most 2 s: deploy/varnish-portal.vcl)
    soft: set[str] = field(default_factory=set)

    def __or__(self, other: PurgeSet) -> PurgeSet:
        soft = (self.soft | other.soft) - (self.urls - self.soft) - (other.urls - other.soft)
        return PurgeSet(self.urls | other.urls, self.site_wide | other.site_wide, soft)


def _page_urls(page, base_url: str | None = None) -> set[str]:
    url = base_url or page.get_full_url()
    if not url:
        return set()
    paths = page.specific_deferred.get_cached_paths()
    return {url + path.lstrip("/") for path in paths}


def _root_url(page) -> str | None:
    parts = page.get_url_parts()
    return parts[1] if parts else None


def purge_set(
    page: Page, *, old_parent: Page | None = None, old_url: str | None = None, refresh_lists: bool = False
) -> PurgeSet:
    """The exact URLs showing ``page`` — where it is now, and where it was before a move
    (``old_parent``, ``old_url``: the page's URL under its old parent). With ``refresh_lists`` (a
    publish: the page is still public) the pages that list it are purged soft."""
    page = page.specific
    result = PurgeSet()
    root_url = _root_url(page)
    own = _page_urls(page)
    if old_url:
        own |= _page_urls(page, old_url)
    parents = [p for p in (page.get_parent(), old_parent) if p is not None]
    for parent in parents:
        for ancestor in [*parent.get_ancestors(), parent]:
            if ancestor.depth >= HOME_DEPTH:
                result.urls |= _page_urls(ancestor)
    if root_url:
        result.urls.add(root_url + reverse("sitemap"))
    extra = getattr(page, "extra_purge_urls", None)
    if extra is not None and root_url:
        result.urls |= {root_url + path if path.startswith("/") else path for path in extra()}
    if refresh_lists:
        result.soft = result.urls - own
    result.urls |= own
    shown_everywhere = page.depth <= HOME_DEPTH + 1 or (
        old_parent is not None and old_parent.depth <= HOME_DEPTH
    )
    if root_url and shown_everywhere:
        result.site_wide.add(root_url)
    return result


def _moved_descendants(page: Page, old_url: str) -> set[str]:
    new_url = page.get_full_url()
    urls = set()
    for descendant in page.get_descendants().live().specific(defer=True):
        current = descendant.get_full_url()
        if current and new_url and current.startswith(new_url):
            urls |= _page_urls(descendant, old_url + current[len(new_url) :])
            urls |= _page_urls(descendant)
    return urls


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP purge backend plus a soft purge and a ``BAN`` of a whole host
    (``deploy/varnish-portal.vcl``)."""

    def purge_soft_batch(self, urls: list[str]) -> None:
        for url in urls:
            parts = urlsplit(url)
            request = Request(
                urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""]),
                method="PURGE",
                headers={"Host": parts.netloc, "X-Purge-Mode": "soft"},
            )
            try:
                urlopen(request, timeout=5)  # noqa: S310 — the configured cache's own URL
            except OSError as error:
                logger.error("Couldn't purge %s from the front cache: %s", url, error)

    def purge_host(self, root_url: str) -> None:
        host = urlsplit(root_url).netloc
        request = Request(
            urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""]),
            method="BAN",
            headers={"Host": host},
        )
        try:
            urlopen(request, timeout=5)  # noqa: S310 — the configured cache's own URL
        except OSError as error:
            logger.error("Couldn't ban host %s from the front cache: %s", host, error)


def _send(result: PurgeSet) -> None:
    if result.site_wide:
        page_cache.purge_all()
    else:
        page_cache.purge_urls(result.urls)
    for name, backend in get_backends().items():
        soft = result.soft if hasattr(backend, "purge_soft_batch") else set()
        for mode, urls in (("hard", result.urls - soft), ("soft", soft)):
            by_host: dict[str, list[str]] = {}
            for url in sorted(urls):
                by_host.setdefault(urlsplit(url).netloc, []).append(url)
            for host, batch in by_host.items():
                if backend.invalidates_hostname(host):
                    (backend.purge_soft_batch if mode == "soft" else backend.purge_batch)(batch)
        for root_url in result.site_wide:
            if hasattr(backend, "purge_host"):
                backend.purge_host(root_url)
        logger.info("Purged %d URLs from front cache %s", len(result.urls), name)


def purge(result: PurgeSet) -> None:
    """Purge ``result`` once the current transaction commits (at once outside one)."""
    if result.urls or result.site_wide:
        transaction.on_commit(lambda: _send(result))


def purge_pages(pages) -> None:
    """Purge these pages' own URLs (with their cached paths): their content changed without a
    publish, e.g. a directory generated from records."""
    urls = set()
    for page in pages:
        urls |= _page_urls(page)
    purge(PurgeSet(urls=urls))


def purge_site(root_url: str | None = None) -> None:
    """Purge every page (of one site, or of all sites): a change every page shows."""
    roots = {root_url} if root_url else {s.root_url for s in _sites()}
    purge(PurgeSet(site_wide=roots))


def _sites():
    from wagtail.models import Site

    return Site.objects.all()


@receiver(page_published)
def _purge_published_page(sender, instance, **kwargs):
    purge(purge_set(instance, refresh_lists=True))


@receiver(page_unpublished)
def _purge_withdrawn_page(sender, instance, **kwargs):
    """A withdrawn page must vanish from its lists too: nothing is served stale."""
    purge(purge_set(instance))


@receiver(post_page_move)
def _purge_moved_page(sender, instance, parent_page_before, parent_page_after, url_path_before, **kwargs):
    if not instance.live:
        return
    old_parent_url = parent_page_before.get_full_url()
    old_url = f"{old_parent_url}{instance.slug}/" if old_parent_url else None
    result = purge_set(instance, old_parent=parent_page_before, old_url=old_url)
    if old_url:
        result.urls |= _moved_descendants(instance, old_url)
    purge(result)


@receiver(post_save, sender=SiteIdentity)
def _purge_site_identity(sender, instance, raw=False, **kwargs):
    """Every page's footer shows the site identity."""
    if not raw:
        purge_site(instance.site.root_url)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def _purge_restricted_pages(sender, instance, raw=False, **kwargs):
    """A page that gains (or loses) a view restriction, and every page below it, must not be
    answered from a copy kept while it was public."""
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    urls = set()
    for shown in [page, *page.get_descendants().live().specific(defer=True)]:
        urls |= _page_urls(shown)
    purge(PurgeSet(urls=urls))
