"""Run the periodic deadline work once: reminders, escalations, optionally scheduled publishing."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.core.deadlines import process_due


class Command(BaseCommand):
    help = "处理各类期限的超期提醒与督办；加 --publish-scheduled 同时执行定时发布与到期下线。"

    def add_arguments(self, parser):
        parser.add_argument("--publish-scheduled", action="store_true", help="同时运行 publish_scheduled。")

    def handle(self, *args, publish_scheduled=False, **options):
        result = process_due()
        self.stdout.write(f"reminded={result.reminded} escalated={result.escalated}")
        if publish_scheduled:
            call_command("publish_scheduled")
