"""The default government vocabulary from portal/search/data/synonyms.txt."""

from django.db import migrations


def add(apps, schema_editor):
    from portal.search.vocabulary import load

    load(apps.get_model("portal_search", "Synonym"))


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0008_query_intents")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
