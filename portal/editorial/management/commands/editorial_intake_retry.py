"""Process again OA submissions that failed or were never processed (e.g. after a crash)."""

from django.core.management.base import BaseCommand

from portal.editorial.intake import retry_pending


class Command(BaseCommand):
    help = "重新处理失败或未处理完的 OA 推送记录。"

    def handle(self, *args, **options):
        done = retry_pending()
        for submission in done:
            self.stdout.write(f"{submission.external_id}: {submission.status}")
        self.stdout.write(f"{len(done)} submission(s) processed")
