import shutil

import pytest
from django.conf import settings


@pytest.fixture(autouse=True, scope="session")
def _clean_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts without the pages, tree and rate-limit entries of the one before it."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def home(db):
    from tests import factories

    home = factories.home_page()
    factories.site_identity()
    return home
