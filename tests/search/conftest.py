import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_search_state():
    """Search keeps per-process caches (dictionary, synonyms, entity automaton): start clean."""
    from portal.search import answers, text, understanding

    cache.clear()
    text._synonym_map.cache_clear()
    text._lexicon_by_length.cache_clear()
    text._pinyin_vocabulary.cache_clear()
    text._known_at.cache_clear()
    understanding._table.cache_clear()
    text._loaded_version = None
    answers._automaton = None
    yield
    cache.clear()


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a page the way the admin does, running the enqueued index tasks on commit."""

    def _publish(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        return page

    return _publish


@pytest.fixture
def unpublish(django_capture_on_commit_callbacks):
    def _unpublish(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
        return page

    return _unpublish


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    def _run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return _run
