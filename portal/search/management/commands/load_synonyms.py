from django.core.management.base import BaseCommand

from portal.search.models import Synonym
from portal.search.text import synonyms_changed
from portal.search.vocabulary import DATA, load


class Command(BaseCommand):
    help = "Add the groups of the default vocabulary file that are not yet synonyms (edited ones stay)."

    def handle(self, *args, **options):
        added = load(Synonym)
        synonyms_changed()
        self.stdout.write(f"{added} synonym groups added from {DATA.name}")
