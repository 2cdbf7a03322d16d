"""The generated disclosure pages are purged when what they show changes."""

import pytest

from portal.disclosure.models import CatalogueEntry, ConcernTopic
from tests import factories
from tests.core.test_purge import SENT

from .conftest import add_catalogue_page, add_concern_page


@pytest.fixture
def front_cache(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.core.test_purge.RecordingBackend"}}
    SENT.clear()
    yield SENT


def test_publishing_a_document_purges_its_organisation_directory(
    tree, front_cache, django_capture_on_commit_callbacks
):
    doc = factories.policy_document(tree.policies, owner_organisation=tree.dept)
    front_cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        doc.save_revision().publish()
    assert "http://localhost/zwgk/xxgkpt/edu/wenjian/" in front_cache
    assert "http://localhost/zwgk/xxgkpt/guifanxing/" in front_cache


def test_catalogue_and_topic_changes_purge_their_pages(tree, front_cache, django_capture_on_commit_callbacks):
    add_catalogue_page(tree.zwgk)
    add_concern_page(tree.zwgk)
    front_cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        CatalogueEntry.objects.create(
            organisation=tree.dept,
            domain="财政",
            item_level1="财政",
            item_level2="预算",
            content="预算表",
            basis="预算法",
        )
        ConcernTopic.objects.create(title="养老", slug="yanglao", keywords="养老")
    assert "http://localhost/zwgk/mulu/" in front_cache
    assert "http://localhost/zwgk/guanqie/yanglao/" in front_cache
