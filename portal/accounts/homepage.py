"""个性主页: one person's order of the homepage modules that apps contribute to
:data:`portal.core.user_space.home_modules` (so the accounts app imports none of their models).

The order (a list of module keys) is the person's :class:`~portal.accounts.models.HomeLayout`;
modules they have not placed follow in their registered ``order``.
"""

from __future__ import annotations

from portal.core.user_space import home_modules

__all__ = ["modules_for", "move", "set_order"]


def _ordered_keys(layout) -> list[str]:
    registered = sorted(home_modules.values(), key=lambda m: (m.order, m.key))
    keys = [m.key for m in registered]
    placed = [k for k in (layout.order if layout else []) if k in keys]
    return placed + [k for k in keys if k not in placed]


def _layout(user, create: bool = False):
    from .models import HomeLayout

    if create:
        return HomeLayout.objects.get_or_create(user=user)[0]
    return HomeLayout.objects.filter(user=user).first()


def modules_for(request) -> list[tuple[object, dict]]:
    """The modules to render for the signed-in user, in their order, with their context."""
    out = []
    for key in _ordered_keys(_layout(request.user)):
        module = home_modules.get(key)
        context = module.context(request)
        if context is not None:
            out.append((module, context))
    return out


def move(user, key: str, direction: str) -> bool:
    """Move ``key`` one place ``"up"`` or ``"down"``."""
    layout = _layout(user, create=True)
    keys = _ordered_keys(layout)
    if key not in keys or direction not in ("up", "down"):
        return False
    index = keys.index(key)
    target = max(index - 1, 0) if direction == "up" else min(index + 1, len(keys) - 1)
    keys.insert(target, keys.pop(index))
    layout.order = keys
    layout.save(update_fields=["order"])
    return True


def set_order(user, keys: list[str]) -> None:
    """The whole order at once (drag and drop); unknown keys are dropped."""
    known = set(home_modules.keys())
    layout = _layout(user, create=True)
    layout.order = [k for k in keys if k in known]
    layout.save(update_fields=["order"])
