"""Which pages the public may see: view restrictions, read once and kept in Django's cache.

Wagtail reads the whole ``PageViewRestriction`` table each time a listing asks for ``.public()``
pages, and two more queries each time a page is checked. A portal has a handful of restricted
subtrees, so their tree paths are kept with the tree (:mod:`portal.core.tree_cache`: a new
version whenever a restriction is saved or deleted or a page moves) and every listing and page
check of the public site uses them: :func:`public` for querysets, :func:`is_restricted` for one
page.
"""

from __future__ import annotations

from django.db.models import Q

from . import tree_cache

__all__ = ["is_restricted", "public", "public_q", "restricted_paths"]


def _read_restricted_paths() -> tuple[str, ...]:
    from wagtail.models import PageViewRestriction

    return tuple(sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))))


def restricted_paths() -> tuple[str, ...]:
    """Tree paths of the pages that carry a view restriction (the subtree below each is
    restricted too)."""
    return tree_cache.get_or_set("restricted", _read_restricted_paths)


def public_q() -> Q:
    q = Q()
    for path in restricted_paths():
        q &= ~Q(path__startswith=path)
    return q


def public(queryset):
    """``queryset`` without restricted pages (what Wagtail's ``.public()`` does, without its
    query of the restriction table)."""
    return queryset.filter(public_q())


def is_restricted(page) -> bool:
    """Whether ``page`` or an ancestor carries a view restriction."""
    return any(page.path.startswith(path) for path in restricted_paths())
