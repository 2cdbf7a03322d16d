"""The engine-specific full-text table beside SearchDocument (FTS5 on SQLite, tsvector on PostgreSQL)."""

from django.db import migrations


def _sql(schema_editor, which):
    from portal.search.index import postgres, sqlite

    vendor = schema_editor.connection.vendor
    module = {"sqlite": sqlite, "postgresql": postgres}.get(vendor)
    return getattr(module, which) if module else []


def create(apps, schema_editor):
    for statement in _sql(schema_editor, "CREATE_SQL"):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in _sql(schema_editor, "DROP_SQL"):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
