"""Registries that several apps contribute to, filled from each app's ``contributions.py``.

The search app's registry is the model (``portal/search/registry.py``): a consumer owns the
registry and defines what a contribution is; every app that contributes does so from a module of
its own, discovered once, so the consumer never imports the contributing app. Here the
contribution modules are each app's ``contributions.py``; they are imported the first time any
registry is read (after every app is loaded), like Wagtail's ``wagtail_hooks``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from django.utils.module_loading import autodiscover_modules

_discovered = False
_lock = threading.Lock()


def discover() -> None:
    """Import every installed app's ``contributions`` module (once per process)."""
    global _discovered
    if _discovered:
        return
    with _lock:
        if not _discovered:
            _discovered = True
            autodiscover_modules("contributions")


class Registry:
    """An ordered mapping of key → contribution, read only after discovery."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, Any] = {}

    def register(self, key: str, item: Any) -> Any:
        self._items[key] = item
        return item

    def unregister(self, key: str) -> None:
        self._items.pop(key, None)

    def get(self, key: str, default=None) -> Any:
        discover()
        return self._items.get(key, default)

    def items(self) -> list[tuple[str, Any]]:
        discover()
        return list(self._items.items())

    def values(self) -> list[Any]:
        discover()
        return list(self._items.values())

    def keys(self) -> list[str]:
        discover()
        return list(self._items)

    def __contains__(self, key: str) -> bool:
        discover()
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self._items)}>"


# Rules on which groups one account may hold together, contributed by the apps that own them
# (the administrator roles' 三员分立 in ``portal.accounts``): ``rule(groups, is_superuser)``
# returns why the combination is refused, or None. Checked when a 工作人员 record is saved.
staff_group_rules = Registry("staff_group_rules")
