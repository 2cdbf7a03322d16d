"""Run the editorial periodic work once: deadlines, and optionally scheduled publishing."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.editorial.deadlines import process_deadlines


class Command(BaseCommand):
    help = "处理审核超期提醒与督办；加 --publish-scheduled 同时执行定时发布与到期下线。"

    def add_arguments(self, parser):
        parser.add_argument("--publish-scheduled", action="store_true", help="同时运行 publish_scheduled。")

    def handle(self, *args, publish_scheduled=False, **options):
        result = process_deadlines()
        self.stdout.write(f"reminded={result.reminded} escalated={result.escalated} closed={result.closed}")
        if publish_scheduled:
            call_command("publish_scheduled")
