"""Search is scoped to the reader's site and language; facets are declared by providers; the
engines share one control flow."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from portal.pages.models import HomePage
from portal.search.index.base import Engine
from portal.search.index.postgres import PostgresEngine
from portal.search.index.sqlite import SqliteEngine
from portal.search.models import SearchDocument
from portal.search.registry import Facet, registry
from tests import factories

pytestmark = pytest.mark.django_db


def _titles(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def two_languages(home, publish):
    en_home = factories.home_page("en", title="Demonstration District")
    zh = publish(factories.article(title="养老服务中心开放时间调整"))
    en_col = factories.column(parent=en_home, title="News", slug="news")
    en = publish(factories.article(parent=en_col, title="养老服务 Elderly care services open longer"))
    return zh, en


def test_english_search_returns_only_english_pages(client, two_languages):
    zh, en = two_languages
    assert SearchDocument.objects.get(key=f"article:{en.pk}").locale == "en"
    assert SearchDocument.objects.get(key=f"article:{zh.pk}").locale == "zh-hans"
    html = _titles(client.get("/en/search/", {"q": "养老服务"}))
    assert "Elderly care services" in html and "开放时间调整" not in html
    html = _titles(client.get("/search/", {"q": "养老服务"}))
    assert "开放时间调整" in html and "Elderly care" not in html
    texts = [s["text"] for s in client.get("/en/search/autocomplete/", {"q": "养老"}).json()["suggestions"]]
    assert "养老服务中心开放时间调整" not in texts


def test_english_entries_keep_their_site(two_languages):
    _, en = two_languages
    site = Site.objects.get(is_default_site=True)
    assert SearchDocument.objects.get(key=f"article:{en.pk}").site_id == site.pk


@pytest.fixture
def second_site(home, publish):
    zh = Locale.objects.get(language_code="zh-hans")
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="另一个街道网站", slug="other-home", locale=zh)
    )
    site = Site.objects.create(hostname="other.example", port=80, root_page=other_home, site_name="另一个")
    col = factories.column(parent=other_home, title="街道动态", slug="street-news")
    publish(factories.article(parent=col, title="街道养老服务驿站开业"))
    publish(factories.article(title="区级养老服务补贴发放"))
    return site


def test_a_second_site_never_sees_the_first_sites_entries(client, second_site):
    html = _titles(client.get("/search/", {"q": "养老服务"}, HTTP_HOST="other.example"))
    assert "驿站开业" in html and "补贴发放" not in html
    html = _titles(client.get("/search/", {"q": "养老服务"}))
    assert "补贴发放" in html and "驿站开业" not in html
    data = client.get("/search/autocomplete/", {"q": "区级"}, HTTP_HOST="other.example").json()
    assert data["suggestions"] == [] or all("区级养老" not in s["text"] for s in data["suggestions"])


def test_rebuild_records_site_and_locale(second_site):
    call_command("rebuild_search_index")
    rows = dict(SearchDocument.objects.filter(doc_type="article").values_list("title", "site_id"))
    assert rows["街道养老服务驿站开业"] == second_site.pk
    assert rows["区级养老服务补贴发放"] == Site.objects.get(is_default_site=True).pk
    assert set(SearchDocument.objects.values_list("locale", flat=True)) == {"zh-hans"}


def test_cards_only_for_entities_in_the_readers_scope(client, home, publish):
    publish(factories.column(title="优化营商环境", column_type="topic", description="营商环境专题"))
    assert "answer-card--column" in _titles(client.get("/search/", {"q": "优化营商环境"}))
    factories.home_page("en", title="Demonstration District")
    assert "answer-card--column" not in _titles(client.get("/en/search/", {"q": "优化营商环境"}))


@pytest.fixture
def policies(home, publish):
    col = factories.column(title="政策文件", column_type="policy")
    old = publish(
        factories.policy_document(parent=col, title="学校安全管理办法（2019）", validity="repealed")
    )
    new = publish(factories.policy_document(parent=col, title="学校安全管理办法"))
    return old, new


def test_validity_is_a_facet_declared_by_the_disclosure_provider(client, policies):
    old, new = policies
    assert SearchDocument.objects.get(key=f"policy:{old.pk}").facets == {"validity": "repealed"}
    assert not any(
        f.name == "validity" for p in registry.providers() if p.type_key != "policy" for f in p.facets
    )
    html = _titles(client.get("/search/", {"q": "安全管理", "validity": "repealed"}))
    assert 'id="f-validity"' in html and "文件有效性" in html
    assert '<option value="repealed" selected>' in html
    assert f"{old.slug}%2F" in html and f"{new.slug}%2F" not in html
    assert 'class="search-facet search-validity search-validity--repealed">废止</span>' in html
    # an unknown value is ignored rather than filtering everything out
    html = _titles(client.get("/search/", {"q": "安全管理", "validity": "bogus"}))
    assert "共找到 2 条结果" in html


@pytest.mark.parametrize("name", ["page", "q", "Bad-Name", "x" * 40, "a'b"])
def test_facet_names_must_be_safe_and_not_reserved(name):
    with pytest.raises(ValueError):
        Facet(name, "标签", {})


def test_engines_share_the_template_method():
    for engine in (SqliteEngine, PostgresEngine):
        assert "search" not in vars(engine) and engine.search is Engine.search
        for step in ("count_by_type", "title_expression", "ranked", "facet_clause", "quote", "exists"):
            assert step in vars(engine), (engine, step)
