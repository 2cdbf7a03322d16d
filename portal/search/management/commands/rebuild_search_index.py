import time

from django.core.management.base import BaseCommand

from portal.search import indexer
from portal.search.index import get_engine


class Command(BaseCommand):
    help = "Rebuild the Chinese search index, the vocabulary and the knowledge graph from all providers."

    def add_arguments(self, parser):
        parser.add_argument("--type", action="append", dest="types", help="only this type (repeatable)")

    def handle(self, *args, types=None, **options):
        started = time.perf_counter()
        counts = indexer.rebuild(types=types, stdout=self.stdout)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {sum(counts.values())} documents with {get_engine().name} in {elapsed:.1f}s"
            )
        )
