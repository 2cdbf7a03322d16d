"""Runs the registered seeding steps in order, then rebuilds the search index once."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import CommandError

from ..registry import run_steps
from .context import SeedContext


def run(ctx: SeedContext) -> list[tuple[str, str, str, str]]:
    """Seed everything; return the accounts table (username, password, organisation, role)."""
    run_steps(ctx)
    if ctx.index and ctx.created:
        rebuild_search_index(ctx)
    return ctx.accounts


def rebuild_search_index(ctx: SeedContext) -> None:
    """Seeded pages are saved live, not published, so the site search is rebuilt once at the end."""
    ctx.log("搜索索引…")
    try:
        call_command("rebuild_search_index", stdout=_Relay(ctx))
    except CommandError as error:  # the search app is optional for the demo
        ctx.log(f"搜索索引未重建：{error}")


class _Relay:
    """A file-like object passing another command's output to the seed log."""

    def __init__(self, ctx: SeedContext):
        self.ctx = ctx

    def write(self, text: str) -> None:
        if text.strip():
            self.ctx.log(text.rstrip("\n"))

    def flush(self) -> None:
        pass
