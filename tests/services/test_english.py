"""The service hall's English catalogue: /en/banshi/ pages in English."""

import pytest
from django.utils import translation

from portal.services.vocabulary import PLACE_CATEGORIES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _back_to_chinese(settings):
    """An /en/ request leaves English active in the thread: later tests expect the default."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_english_catalogue_translates_the_vocabulary():
    with translation.override("en"):
        labels = {key: str(label) for key, label in PLACE_CATEGORIES}
    assert labels["hospital"] == "Hospital" and labels["service_center"] == "Government service centre"


def test_map_page_in_english(client, hall):
    html = client.get("/en/banshi/ditu/").content.decode()
    assert "Public service map" in html and "Nearest to me: choose your community" in html
    assert "2 places" in html and "便民服务地图（" not in html


def test_flow_page_in_english(client, hall):
    html = client.get("/en/banshi/yijianshi/restaurant/").content.decode()
    assert "Step 1" in html and "Next" in html
