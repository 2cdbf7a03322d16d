"""What every page shares is kept with the tree and follows every change: navigation, site
identity, restricted subtrees, the site and home page of a request, and routing along the URL."""

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from portal.core import tree_cache
from tests import factories


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _nav(html: str) -> str:
    return html.split('class="main-nav__list"', 1)[1].split("</ul>", 1)[0]


def test_entries_are_kept_until_the_tree_changes(db):
    calls = []
    assert tree_cache.get_or_set("x", lambda: calls.append(1) or "one") == "one"
    assert tree_cache.get_or_set("x", lambda: calls.append(1) or "two") == "one"
    tree_cache.bump()
    assert tree_cache.get_or_set("x", lambda: calls.append(1) or "three") == "three"
    assert len(calls) == 2


def test_version_survives_a_lost_counter(db):
    before = tree_cache.version()
    cache.delete("portal:tree-version")
    tree_cache.bump()  # no counter to increment: starts again from the clock
    assert tree_cache.version() >= before


def test_navigation_follows_publish_and_unpublish(client, home):
    news = factories.column(parent=home, title="新闻动态", slug="xw", show_in_menus=True)
    assert "新闻动态" in _nav(client.get("/").content.decode())
    column = factories.column(parent=home, title="政务服务", slug="fw", show_in_menus=True, live=False)
    assert "政务服务" not in _nav(client.get("/").content.decode())
    column.save_revision().publish()
    assert "政务服务" in _nav(client.get(news.url).content.decode())
    column.refresh_from_db()
    column.unpublish()
    assert "政务服务" not in _nav(client.get("/").content.decode())


def test_footer_follows_the_site_identity(client, home):
    assert "示范区人民政府办公室" in client.get("/").content.decode()
    factories.site_identity(sponsor="示范区数据局")
    assert "示范区数据局" in client.get("/").content.decode()


def test_listings_leave_out_a_subtree_restricted_after_they_were_read(client, home):
    news = factories.column(parent=home, title="新闻动态", slug="xw", column_type="news")
    internal = factories.column(parent=home, title="内部通知", slug="nb", column_type="news")
    factories.article(parent=news, title="公开的新闻稿")
    factories.article(parent=internal, title="内部的通知稿")
    assert "内部的通知稿" in client.get("/").content.decode()
    PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/").content.decode()
    assert "公开的新闻稿" in html and "内部的通知稿" not in html
    assert "内部的通知稿" not in client.get("/feed/rss/").content.decode()


def test_routing_along_the_url(client, home):
    gk = factories.column(parent=home, title="政务公开", slug="gk")
    docs = factories.column(parent=gk, title="政策文件", slug="zcwj")
    article = factories.article(parent=docs, title="一篇文章", slug="wz")
    html = client.get("/gk/zcwj/wz/").content.decode()
    assert "一篇文章" in html
    crumbs = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert crumbs.index("政务公开") < crumbs.index("政策文件") < crumbs.index("一篇文章")
    assert client.get("/gk/zcwj/feed/rss/").status_code == 200
    assert client.get("/gk/zcwj/feed/nothing/").status_code == 404
    assert client.get("/gk/none/wz/").status_code == 404
    assert client.get("/zcwj/wz/").status_code == 404
    article.unpublish()
    assert client.get("/gk/zcwj/wz/").status_code == 404


def test_a_moved_page_answers_at_its_new_url_only(client, home):
    old = factories.column(parent=home, slug="old")
    new = factories.column(parent=home, slug="new")
    article = factories.article(parent=old, title="搬家的文章", slug="moved")
    assert client.get("/old/moved/").status_code == 200
    article.move(new, pos="last-child")
    old_url = client.get("/old/moved/")
    assert old_url.status_code == 301 and old_url["Location"] == "/new/moved/"  # Wagtail's redirect
    assert "搬家的文章" in client.get("/new/moved/").content.decode()


def test_english_site_routes_in_its_own_tree(client, home):
    en = factories.home_page("en", title="Shifan District", slug="en-home")
    factories.column(parent=en, title="News", slug="news", show_in_menus=True)
    html = client.get("/en/news/").content.decode()
    assert "News" in html and "Shifan District" in html
    assert 'href="/en/"' in html
    assert client.get("/en/").status_code == 200


def test_unknown_host_falls_back_to_the_default_site(client, home):
    assert client.get("/", HTTP_HOST="other.example").status_code in (200, 400)


def _crumbs(html: str) -> str:
    return html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]


def test_a_known_url_is_served_in_one_query_and_follows_a_renamed_column(
    client, home, django_assert_max_num_queries
):
    column = factories.column(parent=home, title="政策文件", slug="zcwj")
    factories.article(parent=column, title="一篇文章", slug="wz")
    client.get("/zcwj/wz/")  # the chain of the URL is read and remembered
    with django_assert_max_num_queries(2):  # the article itself (and nothing of its ancestors)
        assert "政策文件" in _crumbs(client.get("/zcwj/wz/").content.decode())
    column.title = "规范性文件"
    column.save_revision().publish()
    html = client.get("/zcwj/wz/").content.decode()
    assert "规范性文件" in _crumbs(html) and "政策文件" not in _crumbs(html)


def test_the_page_asked_for_is_read_fresh_each_time(client, home):
    column = factories.column(parent=home, slug="xw")
    article = factories.article(parent=column, title="初稿标题", slug="wz")
    client.get("/xw/wz/")
    type(article).objects.filter(pk=article.pk).update(title="改过的标题")  # no signal, no new version
    assert "改过的标题" in client.get("/xw/wz/").content.decode()


def test_unknown_urls_are_not_remembered(db):
    calls = []
    assert tree_cache.get_or_set("nothing", lambda: calls.append(1), keep_none=False) is None
    assert tree_cache.get_or_set("nothing", lambda: calls.append(1), keep_none=False) is None
    assert len(calls) == 2
