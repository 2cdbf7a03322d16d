"""Runs the seeding steps in order; every step skips what already exists."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from portal.editorial.services import install_default_workflows

from .accounts import seed_accounts
from .articles import seed_articles
from .columns import seed_columns
from .context import SeedContext
from .english import seed_english
from .orgs import seed_organisations
from .people import seed_leaders
from .policies import seed_policies
from .site import seed_home_links, seed_site


def run(ctx: SeedContext) -> list[tuple[str, str, str, str]]:
    with transaction.atomic():
        ctx.log("机构…")
        seed_organisations(ctx)
        ctx.log("领导…")
        seed_leaders(ctx)
        ctx.log("首页、站点与网站标识…")
        zh_home, en_home = seed_site(ctx)
        ctx.log("栏目…")
        leaves = seed_columns(ctx, zh_home)
        seed_home_links(ctx, zh_home)
    ctx.log("文章…")
    seed_articles(ctx, leaves)
    ctx.log("政策文件…")
    seed_policies(ctx)
    ctx.log("英文网站…")
    seed_english(ctx, en_home)
    with transaction.atomic():
        accounts = seed_accounts(ctx)
        ctx.log("审核流程…")
        install_default_workflows([zh_home, en_home])
    if ctx.index and ctx.created:
        rebuild_search_index(ctx)
    return accounts


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
