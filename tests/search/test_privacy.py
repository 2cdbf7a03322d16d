"""Query logs: masked personal data, hashed visitors, retention, and the distinct-visitor gate."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from portal.core import periodic
from portal.core.text import mask_personal_data
from portal.search import services
from portal.search.models import ClickLog, QueryLog
from portal.search.tasks import purge_search_logs
from tests import factories


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13812345678", "138****5678"),
        ("我的电话是13912345678请回电", "我的电话是139****5678请回电"),
        ("138-1234-5678", "138-****-5678"),
        ("+86 13812345678", "+86 138****5678"),
        ("１３８１２３４５６７８", "１３８****５６７８"),
        ("0571-12345678", "0571-********"),
        ("(0571)12345678", "(0571)********"),
        ("110101199001011234", "110101************"),
        ("身份证11010119900101123X补办", "身份证110101************补办"),
        ("11010119900101123x", "110101************"),
        ("110101900101123", "110101*********"),
        ("联系 zhang.san@example.com 谢谢", "联系 z***@example.com 谢谢"),
    ],
)
def test_mask_personal_data(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize(
    "text",
    ["社保卡办理", "2026年养老服务", "示政发〔2026〕12号", "12345", "0000-12333", "12345678901234567890", ""],
)
def test_mask_leaves_ordinary_queries_alone(text):
    assert mask_personal_data(text) == text


pytestmark = pytest.mark.django_db


def test_a_phone_number_typed_into_search_is_stored_masked(client, home):
    client.get("/search/", {"q": "13812345678 社保 110101199001011234"}, REMOTE_ADDR="192.0.2.7")
    log = QueryLog.objects.get()
    assert "13812345678" not in log.query and "138****5678" in log.query
    assert "110101199001011234" not in log.query + log.normalised
    assert "138****5678" in log.normalised
    assert log.visitor and "192.0.2.7" not in log.visitor and len(log.visitor) == 32


def test_visitor_key_is_a_salted_hash_stable_per_visitor(rf):
    a1 = services.visitor_key(rf.get("/", REMOTE_ADDR="192.0.2.1"))
    a2 = services.visitor_key(rf.get("/", REMOTE_ADDR="192.0.2.1"))
    b = services.visitor_key(rf.get("/", REMOTE_ADDR="192.0.2.2"))
    assert a1 == a2 != b and "192" not in a1
    with override_settings(SECRET_KEY="another-secret"):
        assert services.visitor_key(rf.get("/", REMOTE_ADDR="192.0.2.1")) != a1


@pytest.fixture
def indexed(home, publish):
    publish(factories.article(title="养老服务中心开放时间调整"))


def _search_as(client, q, visitors):
    for n in range(visitors):
        client.get("/search/", {"q": q}, REMOTE_ADDR=f"198.51.100.{n}")


def test_only_queries_typed_by_enough_distinct_visitors_are_suggested(client, indexed):
    for _ in range(20):  # one visitor, many times: spam
        client.get("/search/", {"q": "养老服务 广告"}, REMOTE_ADDR="203.0.113.9")
    _search_as(client, "养老服务中心", 4)

    def texts():
        response = client.get("/search/autocomplete/", {"q": "养老服务"})
        return [s["text"] for s in response.json()["suggestions"]]

    assert "养老服务 广告" not in texts() and "养老服务中心" not in texts()
    assert "养老服务 广告" not in client.get("/search/hot/").json()["hot_words"]
    _search_as(client, "养老服务中心", 5)
    services.hot_words_changed()
    assert "养老服务中心" in client.get("/search/hot/").json()["hot_words"]
    from django.core.cache import cache

    cache.clear()
    assert "养老服务中心" in texts()


@override_settings(SEARCH_PUBLIC_MIN_VISITORS=2)
def test_the_visitor_threshold_is_a_setting(client, indexed):
    _search_as(client, "养老服务中心", 2)
    services.hot_words_changed()  # hot words are cached for ten minutes
    assert "养老服务中心" in client.get("/search/hot/").json()["hot_words"]


def _aged(days):
    log = QueryLog.objects.create(query="旧", normalised="旧", result_count=1)
    QueryLog.objects.filter(pk=log.pk).update(created_at=timezone.now() - timedelta(days=days))
    click = ClickLog.objects.create(query_log=log, url="/x/")
    ClickLog.objects.filter(pk=click.pk).update(created_at=timezone.now() - timedelta(days=days))
    return log


def test_logs_past_retention_are_purged_by_task_and_command(db):
    old, recent = _aged(181), _aged(10)
    assert purge_search_logs.call() == 1
    assert list(QueryLog.objects.all()) == [recent]
    assert ClickLog.objects.count() == 1
    _aged(200)
    call_command("purge_search_logs")
    assert list(QueryLog.objects.all()) == [recent]
    assert not QueryLog.objects.filter(pk=old.pk).exists()


@override_settings(SEARCH_LOG_RETENTION_DAYS=7)
def test_retention_is_a_setting(db):
    _aged(10)
    assert services.purge_query_logs() == 1


def test_purge_is_a_registered_periodic_job():
    assert any(job.task is purge_search_logs for job in periodic.jobs())
