from django.apps import AppConfig


class BenchAppConfig(AppConfig):
    """Holds the corpus for stock Wagtail database search, the benchmark's baseline (bench only)."""

    name = "bench.search.benchapp"
    label = "search_benchapp"
    default_auto_field = "django.db.models.BigAutoField"
