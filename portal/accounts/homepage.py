"""个性主页: the modules of a signed-in person's homepage, contributed by the apps.

A :class:`HomeModule` has a key, a title, a template and ``context(request)`` returning the
template's context, or None when the module has nothing to show that person. Apps register
theirs from their ``contributions.py``::

    from portal.accounts.homepage import HomeModule, home_modules, submissions_module

    home_modules.register("letters", submissions_module("letters", _("我的来信"), Letter, order=10))

so the accounts app never imports their models. The person's order (and hidden modules) is a
:class:`~portal.accounts.models.HomeLayout`; modules they have not placed follow in ``order``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from portal.core.registry import Registry

__all__ = ["HomeModule", "home_modules", "layout_for", "modules_for", "move", "submissions_module"]


@dataclass(frozen=True)
class HomeModule:
    key: str
    title: str
    template: str
    context: Callable  # context(request) -> dict | None
    order: int = 100


home_modules = Registry("home_modules")


def _ordered_keys(layout) -> list[str]:
    registered = sorted(home_modules.values(), key=lambda m: (m.order, m.key))
    keys = [m.key for m in registered]
    placed = [k for k in (layout.order if layout else []) if k in keys]
    return placed + [k for k in keys if k not in placed]


def layout_for(user):
    from .models import HomeLayout

    return HomeLayout.objects.filter(user=user).first()


def modules_for(request) -> list[tuple[HomeModule, dict]]:
    """The modules to render for the signed-in user, in their order, with their context."""
    layout = layout_for(request.user)
    out = []
    for key in _ordered_keys(layout):
        module = home_modules.get(key)
        context = module.context(request)
        if context is not None:
            out.append((module, context))
    return out


def move(user, key: str, direction: str) -> bool:
    """Move ``key`` one place up or down, or to the index given as ``direction`` ("3")."""
    from .models import HomeLayout

    layout, _created = HomeLayout.objects.get_or_create(user=user)
    keys = _ordered_keys(layout)
    if key not in keys:
        return False
    index = keys.index(key)
    if direction == "up":
        target = max(index - 1, 0)
    elif direction == "down":
        target = min(index + 1, len(keys) - 1)
    elif direction.isdigit():
        target = min(int(direction), len(keys) - 1)
    else:
        return False
    keys.insert(target, keys.pop(index))
    layout.order = keys
    layout.save(update_fields=["order"])
    return True


def set_order(user, keys: list[str]) -> None:
    from .models import HomeLayout

    known = set(home_modules.keys())
    layout, _created = HomeLayout.objects.get_or_create(user=user)
    layout.order = [k for k in keys if k in known]
    layout.save(update_fields=["order"])


def submissions_module(key: str, title, model, order: int = 100, limit: int = 5, url=None) -> HomeModule:
    """A module listing the person's own submissions of one model (newest first)."""

    def context(request):
        qs = model._default_manager.filter(account=request.user).order_by("-submitted_at")
        return {"items": list(qs[:limit]), "count": qs.count(), "more_url": url}

    return HomeModule(key, title, "accounts/citizen/modules/submissions.html", context, order)
