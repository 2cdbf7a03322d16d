"""`manage.py install_columns`: create the reference column tree of a district portal."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

from portal.core.models import Organisation
from portal.pages.column_tree import DEFAULT_TREE, install_columns, load_tree


class Command(BaseCommand):
    help = "在首页下创建区县政府门户网站的标准栏目结构（可重复运行，已有栏目保持不变）。"

    def add_arguments(self, parser):
        parser.add_argument("--home", type=int, help="首页的页面 ID（默认：默认站点的根页面）。")
        parser.add_argument(
            "--owner", help="栏目所属机构的网址标识（默认：不指定，栏目沿用上级页面的所属机构）。"
        )
        parser.add_argument("--district", help="栏目名称中的区名，如“示范区”（默认：取区政府机构名称）。")
        parser.add_argument("--file", default=str(DEFAULT_TREE), help="栏目结构文件（YAML）。")
        parser.add_argument("--dry-run", action="store_true", help="只列出将要创建的栏目，不写入数据库。")

    def handle(self, *args, home, owner, district, file, dry_run, **options):
        root = self._home(home)
        default_owner = self._owner(owner)
        try:
            tree = load_tree(file)
        except (OSError, ValueError, TypeError) as error:
            raise CommandError(f"无法读取栏目结构文件 {file}：{error}") from error
        with transaction.atomic():
            result = install_columns(
                root, tree=tree, district=district, default_owner=default_owner, dry_run=dry_run
            )
        verb = "将创建" if dry_run else "已创建"
        for column in result.created:
            self.stdout.write(f"{verb}：{'　' * (column.level - 1)}{column.page.title}（{column.slug}）")
        for slug, title, app in result.skipped:
            self.stdout.write(f"跳过：{title}（{slug}），需要安装应用 {app}")
        existing = len(result.columns) - len(result.created)
        summary = (
            f"{verb} {len(result.created)} 个栏目，已存在 {existing} 个，跳过 {len(result.skipped)} 个。"
        )
        self.stdout.write(self.style.SUCCESS(summary))

    def _home(self, page_id: int | None) -> Page:
        if page_id is not None:
            page = Page.objects.filter(pk=page_id).first()
            if page is None:
                raise CommandError(f"找不到 ID 为 {page_id} 的页面。")
            return page.specific
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("没有默认站点：请用 --home 指定首页的页面 ID。")
        return site.root_page.specific

    def _owner(self, slug: str | None) -> Organisation | None:
        if not slug:
            return None
        owner = Organisation.objects.filter(slug=slug).first()
        if owner is None:
            raise CommandError(f"找不到网址标识为 {slug} 的机构。")
        return owner
