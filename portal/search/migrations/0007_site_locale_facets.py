"""Site and language on every index entry; facets replace the disclosure-specific validity column;
query logs get a hashed visitor key and their site and language."""

from django.conf import settings
from django.db import migrations, models


def validity_to_facets(apps, schema_editor):
    """Keep existing entries usable until the next rebuild: validity moves into facets, and
    entries indexed before languages were recorded belong to the default language (shared by
    every site until ``rebuild_search_index`` records their site)."""
    SearchDocument = apps.get_model("portal_search", "SearchDocument")
    SearchDocument.objects.update(locale=settings.LANGUAGE_CODE)
    for doc in SearchDocument.objects.exclude(validity="").only("pk", "validity", "facets").iterator():
        SearchDocument.objects.filter(pk=doc.pk).update(facets={"validity": doc.validity})


def facets_to_validity(apps, schema_editor):
    SearchDocument = apps.get_model("portal_search", "SearchDocument")
    for doc in SearchDocument.objects.only("pk", "facets").iterator():
        validity = (doc.facets or {}).get("validity", "")
        if validity:
            SearchDocument.objects.filter(pk=doc.pk).update(validity=validity[:20])


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0006_search_document_cover_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="querylog",
            name="locale",
            field=models.CharField(blank=True, max_length=20),
        ),
        migrations.AddField(
            model_name="querylog",
            name="site_id",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="querylog",
            name="visitor",
            field=models.CharField(blank=True, max_length=64, verbose_name="访客标识（散列）"),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="facets",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="locale",
            field=models.CharField(blank=True, max_length=20),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="site_id",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(validity_to_facets, facets_to_validity),
        migrations.RemoveIndex(
            model_name="searchdocument",
            name="portal_search_doc_cover",
        ),
        migrations.RemoveField(
            model_name="searchdocument",
            name="validity",
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(
                fields=["id", "locale", "site_id", "doc_type", "organisation_id", "date"],
                name="portal_search_doc_cover",
            ),
        ),
    ]
