"""The public search page, logs, best bets, denylist, hot words, autocomplete and admin report."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.search import services
from portal.search.models import BestBet, ClickLog, DeniedTerm, HotWord, QueryLog
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(home, publish):
    col = factories.column(title="政策文件", column_type="policy")
    publish(factories.policy_document(parent=col, title="示范区养老服务补贴实施办法"))
    publish(factories.article(title="养老服务中心开放时间调整"))
    publish(factories.article(title="老年人乘车优惠政策解读"))
    return col


def test_results_grouped_by_type_with_counts_without_js(client, content):
    response = client.get("/search/", {"q": "养老服务"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "共找到 2 条结果" in html
    assert '政策文件 <span class="search-count">(1)</span>' in html
    assert '新闻动态 <span class="search-count">(1)</span>' in html
    assert "<mark>养老服务</mark>" in html
    assert 'name="q" value="养老服务"' in html  # the header and page keep the query


def test_type_filter_and_sort_in_the_page(client, content):
    html = client.get("/search/", {"q": "养老服务", "type": "article", "sort": "date"}).content.decode()
    assert "中心开放时间调整" in html and "实施办法" not in html


def test_english_prefix_works(client, content):
    assert client.get("/en/search/", {"q": "养老"}).status_code == 200


def test_query_and_click_are_logged(client, content):
    client.get("/search/", {"q": "养老服务"})
    log = QueryLog.objects.get()
    assert (log.query, log.result_count) == ("养老服务", 2)
    response = client.get("/search/click/", {"u": "/some/page/", "l": log.pk, "p": 1})
    assert response.status_code == 302 and response["Location"] == "/some/page/"
    assert ClickLog.objects.get().query_log == log
    assert client.get("/search/click/", {"u": "https://evil.example/"}).status_code == 404


def test_zero_result_queries_listed_for_editors(client, content):
    client.get("/search/", {"q": "火星移民"})
    assert QueryLog.objects.get().result_count == 0
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw-Root-2026")
    client.force_login(admin)
    html = client.get("/admin/search-reports/").content.decode()
    assert "火星移民" in html


def test_best_bet_and_denylist(client, content):
    BestBet.objects.create(query="养老,敬老", title="养老服务专题", url="/topics/elderly/")
    html = client.get("/search/", {"q": "敬老"}).content.decode()
    assert "置顶推荐" in html and "养老服务专题" in html and "%2Ftopics%2Felderly%2F" in html
    DeniedTerm.objects.create(term="养老", block_search=True)
    html = client.get("/search/", {"q": "养老服务"}).content.decode()
    assert "该搜索词暂不提供搜索结果" in html and "实施办法" not in html


def test_hot_words_pinned_then_frequent_and_denied_hidden(client, content):
    HotWord.objects.create(word="社保卡")
    for n in range(5):  # five distinct visitors (SEARCH_PUBLIC_MIN_VISITORS)
        client.get("/search/", {"q": "养老服务"}, REMOTE_ADDR=f"192.0.2.{n}")
        client.get("/search/", {"q": "乘车优惠"}, REMOTE_ADDR=f"192.0.2.{n}")
    DeniedTerm.objects.create(term="乘车")
    data = client.get("/search/hot/").json()
    assert data["hot_words"][:2] == ["社保卡", "养老服务"] and "乘车优惠" not in data["hot_words"]


def test_autocomplete_titles_words_and_pinyin(client, content):
    data = client.get("/search/autocomplete/", {"q": "养老"}).json()
    texts = [s["text"] for s in data["suggestions"]]
    assert "养老服务中心开放时间调整" in texts
    data = client.get("/search/autocomplete/", {"q": "yanglao"}).json()
    assert "养老" in [s["text"] for s in data["suggestions"]]


def test_suggestion_shown(client, content):
    html = client.get("/search/", {"q": "养老服物"}).content.decode()
    assert "您是不是要找" in html and "养老服务" in html


def test_pagination_links_keep_filters(client, home, publish):
    col = factories.column(title="通知")
    for n in range(11):
        publish(factories.article(parent=col, title=f"防汛通知{n}"))
    html = client.get("/search/", {"q": "防汛", "type": "article"}).content.decode()
    assert "type=article" in html and "page=2" in html
    html2 = client.get("/search/", {"q": "防汛", "type": "article", "page": 2}).content.decode()
    assert html2.count('class="search-item"') == 1


def test_admin_search_uses_the_chinese_pipeline(client, content):
    admin = get_user_model().objects.create_superuser("ed", "ed@example.com", "pw-Ed-2026")
    client.force_login(admin)
    html = client.get("/admin/search-chinese/", {"q": "養老服務"}).content.decode()
    assert "实施办法" in html and "/admin/pages/" in html
    assert "中文全文检索" in client.get(reverse("wagtailadmin_pages:search"), {"q": "养老"}).content.decode()


@pytest.mark.parametrize(
    "q", ["AND", "NEAR(a b)", '"', "*", "：！", "x" * 300, "' OR 1=1 --", "社保 OR 医保"]
)
def test_odd_queries_never_break_the_engine(client, content, q):
    assert client.get("/search/", {"q": q}).status_code == 200
    assert client.get("/search/autocomplete/", {"q": q}).status_code == 200


def test_hot_words_template_tag(db):
    from django.template import Context, Template

    HotWord.objects.create(word="公积金")
    html = Template("{% load search_tags %}{% search_hot_words 3 as words %}{{ words|join:',' }}").render(
        Context()
    )
    assert html == "公积金"


def test_bad_date_filters_get_chinese_field_errors_and_keep_input(client, db):
    response = client.get("/search/", {"q": "社保", "from": "2026/13/40", "to": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "日期格式应为" in html and 'value="2026/13/40"' in html
    html = client.get("/search/", {"q": "社保", "from": "2026-05-01", "to": "2026-01-01"}).content.decode()
    assert "截止日期不能早于起始日期" in html


def test_synonym_candidates_from_zero_result_queries_are_approved_by_editors(client, content):
    from portal.search import indexer
    from portal.search.models import Synonym

    indexer.add_terms(["养老服务"], weights={"养老服务": 5})
    for _ in range(2):  # a typo: results (for the correction) that nobody clicked
        client.get("/search/", {"q": "养老服物"})
    candidates = {c["query"]: c["candidate"] for c in services.synonym_candidates()}
    assert candidates.get("养老服物") == "养老服务"
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw-Root-2026")
    client.force_login(admin)
    html = client.get("/admin/search-reports/").content.decode()
    assert "同义词候选" in html and "养老服物" in html
    response = client.post(
        "/admin/search-reports/approve-synonym/", {"query": "养老服物", "candidate": "养老服务"}
    )
    assert response.status_code == 302
    assert Synonym.objects.filter(terms="养老服务 养老服物").exists()
    client.logout()
    assert client.post(
        "/admin/search-reports/approve-synonym/", {"query": "x", "candidate": "y"}
    ).status_code in (
        302,
        403,
    )
    assert not Synonym.objects.filter(terms="y x").exists()
