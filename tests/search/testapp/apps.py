from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """A tests-only app that plugs a new type into search purely through its search_registry."""

    name = "tests.search.testapp"
    label = "search_testapp"
