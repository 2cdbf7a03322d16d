"""`manage.py seed_demo`: fill the database with the fictional demo district 示范区."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.core.site_url import sync_default_site
from portal.demo.seed.context import SeedContext
from portal.demo.seed.runner import run


class Command(BaseCommand):
    help = "创建示范区演示数据（可重复运行，不会重复创建）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="文章、政策文件等内容条目的数量比例（默认 1.0；测试可用 0.1）。",
        )
        parser.add_argument("--quiet", action="store_true", help="只输出错误。")
        parser.add_argument("--no-index", action="store_true", help="不重建站内搜索索引。")

    def handle(self, *args, scale: float, quiet: bool, no_index: bool, **options):
        if not getattr(settings, "PORTAL_DEMO_ALLOWED", False):
            raise CommandError(
                "seed_demo 只能在开发或测试环境运行：演示数据会创建公开密码的管理员账号。"
                "当前设置未开启 PORTAL_DEMO_ALLOWED，已拒绝执行。"
            )
        if not 0 < scale <= 5:
            raise CommandError("--scale 须在 0 到 5 之间。")
        started = time.monotonic()
        ctx = SeedContext(scale=scale, quiet=quiet, index=not no_index, write=self.stdout.write)
        accounts = run(ctx)
        sync_default_site()
        if quiet:
            return
        self._report(ctx, accounts, time.monotonic() - started)

    def _report(self, ctx: SeedContext, accounts, elapsed: float) -> None:
        created = "，".join(f"{k} {v}" for k, v in sorted(ctx.created.items()) if v) or "无（数据已存在）"
        self.stdout.write(f"新建：{created}")
        self.stdout.write("")
        self.stdout.write(f"{'用户名':<16}{'密码':<18}{'角色':<8}所属机构")
        for username, password, org, role in accounts:
            self.stdout.write(f"{username:<18}{password:<20}{role:<8}{org}")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"示范区演示数据已就绪，用时 {elapsed:.1f} 秒。"))
