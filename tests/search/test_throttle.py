"""Rate limits on the public search and autocomplete: 429 with a Chinese message (JSON for autocomplete).

Limits are per hour here so that a window boundary never falls inside a test."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_tests_are_not_throttled_by_default(client, home):
    for _ in range(40):
        assert client.get("/search/", {"q": "社保"}).status_code == 200


@override_settings(SEARCH_RATE_LIMIT="3/h")
def test_search_answers_429_with_a_chinese_page(client, home):
    for _ in range(3):
        assert client.get("/search/", {"q": "社保"}, REMOTE_ADDR="192.0.2.50").status_code == 200
    response = client.get("/search/", {"q": "社保"}, REMOTE_ADDR="192.0.2.50")
    assert response.status_code == 429 and response["Retry-After"]
    assert "搜索过于频繁" in response.content.decode()
    # another visitor is not affected
    assert client.get("/search/", {"q": "社保"}, REMOTE_ADDR="192.0.2.51").status_code == 200


@override_settings(SEARCH_AUTOCOMPLETE_RATE_LIMIT="2/h")
def test_autocomplete_answers_429_as_json(client, db):
    for _ in range(2):
        assert client.get("/search/autocomplete/", {"q": "社"}, REMOTE_ADDR="192.0.2.60").status_code == 200
    response = client.get("/search/autocomplete/", {"q": "社"}, REMOTE_ADDR="192.0.2.60")
    assert response.status_code == 429 and response["Content-Type"] == "application/json"
    assert "过于频繁" in response.json()["error"] and response.json()["suggestions"] == []


@override_settings(SEARCH_RATE_LIMIT="1/h")
def test_the_english_site_gets_the_message_in_english(client, home):
    client.get("/en/search/", {"q": "x"}, REMOTE_ADDR="192.0.2.80")
    response = client.get("/en/search/", {"q": "x"}, REMOTE_ADDR="192.0.2.80")
    assert response.status_code == 429 and "Please wait a minute" in response.content.decode()
