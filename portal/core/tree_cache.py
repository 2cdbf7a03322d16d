"""What every public page needs from the page tree, read once and kept in Django's cache.

The site of a host, the home page of a site and language, the top navigation, the restricted
subtrees and the site identity change only when an editor changes the tree or the settings, yet
every page shows them. They are kept under one *tree version*: any save, publish, unpublish, move
or delete of a page, any change of a site, locale, view restriction or site identity moves to a
new version (at once, and again when the transaction commits, so a request that read the old
tree meanwhile cannot keep it), and the old entries expire on their own.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction

__all__ = ["CacheVersion", "bump", "changed_at", "get_or_set", "version"]

_VERSION = "portal:tree-version"
_CHANGED = "portal:tree-changed-at"
#: How long an entry of one version is kept (a new version makes it unreachable anyway).
TIMEOUT = 24 * 3600
_MISSING = object()


class CacheVersion:
    """A generation counter kept in Django's cache: entries keyed with it are forgotten together
    when it moves. It starts from the clock, never from 0 (entries of an earlier run may still be
    stored), and a change moves it at once and again when the transaction commits, so a request
    that read the old data meanwhile cannot keep it."""

    def __init__(self, key: str) -> None:
        self.key = key

    def current(self) -> int:
        value = cache.get(self.key)
        if value is None:
            value = time.time_ns() // 1000
            cache.add(self.key, value, None)
            value = cache.get(self.key, value)
        return value

    def move_now(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:
            cache.set(self.key, time.time_ns() // 1000, None)

    def move(self) -> None:
        self.move_now()
        transaction.on_commit(self.move_now)


_tree_version = CacheVersion(_VERSION)


def version() -> int:
    return _tree_version.current()


def changed_at() -> float:
    """When the tree or the settings last changed (as far as this cache knows): the
    ``Last-Modified`` of public pages, so that it stays the same between two renders."""
    value = cache.get(_CHANGED)
    if value is None:
        value = time.time()
        cache.add(_CHANGED, value, None)
        value = cache.get(_CHANGED, value)
    return value


def _bump_now() -> None:
    cache.set(_CHANGED, time.time(), None)
    _tree_version.move_now()


def bump() -> None:
    """The tree or the settings changed: forget every entry."""
    _bump_now()
    transaction.on_commit(_bump_now)


def get_or_set(name: str, compute: Callable[[], Any], *, keep_none: bool = True) -> Any:
    """The entry ``name`` of the current tree version, computed on a miss (a ``None`` result is
    not kept when ``keep_none`` is false: names built from arbitrary URLs must not fill the cache)."""
    key = f"portal:tree:{version()}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        if value is not None or keep_none:
            cache.set(key, value, TIMEOUT)
    return value
