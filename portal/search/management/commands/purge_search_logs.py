from django.core.management.base import BaseCommand

from portal.search import services


class Command(BaseCommand):
    help = "Delete search query and click logs older than SEARCH_LOG_RETENTION_DAYS (default 180)."

    def handle(self, *args, **options):
        deleted = services.purge_query_logs()
        self.stdout.write(
            self.style.SUCCESS(f"Deleted {deleted} query logs older than {services.retention_days()} days")
        )
