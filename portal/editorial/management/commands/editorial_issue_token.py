"""Issue an API token for the OA intake API (the key is printed once)."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from portal.core.models import Organisation
from portal.editorial.models import IntakeClient, IntakeToken


class Command(BaseCommand):
    help = "为 OA 推送接口签发令牌（令牌只显示一次）；调用方不存在时按所属机构创建。"

    def add_arguments(self, parser):
        parser.add_argument("name", help="调用方名称，如“区教育局OA”。")
        parser.add_argument("--organisation", help="调用方所属机构（代码、slug 或全称），新建调用方时必填。")
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            help="可推送的栏目路径（可多次）；缺省为本机构负责的栏目。",
        )

    def handle(self, *args, name, organisation=None, column=(), **options):
        client = IntakeClient.objects.filter(name=name).first()
        if client is None:
            if not organisation:
                raise CommandError("新建调用方须用 --organisation 指定所属机构。")
            org = (
                Organisation.objects.filter(code=organisation).first()
                or Organisation.objects.filter(slug=organisation).first()
                or Organisation.objects.filter(name=organisation).first()
            )
            if org is None:
                raise CommandError(f"找不到机构“{organisation}”。")
            client = IntakeClient.objects.create(name=name, organisation=org)
        for path in column:
            url_path = "/" + path.strip("/") + "/"
            page = Page.objects.filter(url_path__endswith=url_path).order_by("depth").first()
            if page is None:
                raise CommandError(f"找不到栏目“{path}”。")
            client.columns.add(page)
        _token, raw = IntakeToken.issue(client)
        self.stdout.write(raw)
