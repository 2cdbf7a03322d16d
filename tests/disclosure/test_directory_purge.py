"""The generated directories are purged when the organisation tree changes."""

import pytest

from portal.disclosure.models import OrganisationDirectoryPage
from tests import factories
from tests.core.test_purge import SENT


@pytest.fixture
def front_cache(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.core.test_purge.RecordingBackend"}}
    SENT.clear()
    yield SENT


def test_organisation_change_purges_the_directory_and_its_entries(
    home, front_cache, django_capture_on_commit_callbacks
):
    column = factories.column(parent=home, slug="jgzn")
    directory = column.add_child(instance=OrganisationDirectoryPage(title="机构职能", slug="orgs"))
    with django_capture_on_commit_callbacks(execute=True):
        org = factories.organisation(name="区教育局", slug="edu")
    assert "http://localhost/jgzn/orgs/" in front_cache
    assert "http://localhost/jgzn/orgs/edu/" in front_cache
    assert "http://localhost/jgzn/orgs/district/" in front_cache
    front_cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        org.delete()
    assert "http://localhost/jgzn/orgs/" in front_cache
    assert directory.live
