"""Issue an API token for the OA intake API (the key is printed once)."""

from django.core.management.base import BaseCommand

from portal.editorial.models import IntakeToken


class Command(BaseCommand):
    help = "为 OA 推送接口签发令牌；令牌只显示一次。"

    def add_arguments(self, parser):
        parser.add_argument("name", help="调用方名称，如“区政府OA”。")

    def handle(self, *args, name, **options):
        _token, raw = IntakeToken.issue(name)
        self.stdout.write(raw)
