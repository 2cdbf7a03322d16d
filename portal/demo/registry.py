"""The steps of `manage.py seed_demo`, contributed by the apps.

Each installed app may have a ``demo`` module that registers the steps seeding its part of the
demo district::

    from portal.demo.registry import register_seed

    @register_seed("policies", order=70, label="政策文件")
    def seed_policies(ctx): ...

Steps run in ``order`` (then name), each in its own transaction, and must skip what exists so
that seeding can be repeated. A step passes what later steps need on the :class:`SeedContext`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class SeedStep:
    name: str
    func: Callable
    order: int
    label: str
    atomic: bool


_steps: dict[str, SeedStep] = {}


def register_seed(name: str, func: Callable | None = None, order: int = 100, label: str = "", atomic=True):
    """Register ``func(ctx)`` as the seeding step ``name``; usable as a decorator.

    Registering a name again replaces the step, so an app can take over a step of the demo.
    """

    def register(f: Callable) -> Callable:
        _steps[name] = SeedStep(name, f, order, label or name, atomic)
        return f

    return register(func) if func is not None else register


def autodiscover() -> None:
    """Import every installed app's ``demo`` module (the demo app's own is ``portal/demo/demo.py``)."""
    autodiscover_modules("demo")


def steps() -> list[SeedStep]:
    autodiscover()
    return sorted(_steps.values(), key=lambda step: (step.order, step.name))


def run_steps(ctx) -> None:
    for step in steps():
        ctx.log(f"{step.label}…")
        if step.atomic:
            with transaction.atomic():
                step.func(ctx)
        else:
            step.func(ctx)
