"""The purge set of a page change: exact URLs on publish, unpublish, move and delete."""

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend

from portal.core.purge import purge_set
from tests import factories

SENT: list[str] = []
BANNED: list[str] = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        SENT.append(url)

    def purge_host(self, root_url):
        BANNED.append(root_url)


@pytest.fixture
def front_cache(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.core.test_purge.RecordingBackend"}}
    SENT.clear()
    BANNED.clear()
    yield SENT


@pytest.fixture
def tree(home):
    disclosure = factories.column(parent=home, title="政务公开", slug="gk")
    docs = factories.column(parent=disclosure, title="政策文件", slug="zcwj")
    article = factories.article(parent=docs, title="一篇文章", slug="wz")
    other = factories.column(parent=home, title="新闻动态", slug="xw")
    return {"home": home, "gk": disclosure, "zcwj": docs, "wz": article, "xw": other}


def _feeds(url):
    return {url, url + "feed/rss/", url + "feed/atom/"}


ROOT = "http://localhost"


def test_article_purges_itself_its_columns_home_feeds_and_sitemap(tree):
    result = purge_set(tree["wz"])
    assert result.urls == {
        f"{ROOT}/gk/zcwj/wz/",
        *_feeds(f"{ROOT}/gk/zcwj/"),
        *_feeds(f"{ROOT}/gk/"),
        *_feeds(f"{ROOT}/"),
        f"{ROOT}/sitemap.xml",
    }
    assert not result.site_wide


def test_a_publish_refreshes_the_lists_softly_and_the_page_itself_hard(tree):
    result = purge_set(tree["wz"], refresh_lists=True)
    assert f"{ROOT}/gk/zcwj/wz/" in result.urls and f"{ROOT}/gk/zcwj/wz/" not in result.soft
    assert result.soft == result.urls - {f"{ROOT}/gk/zcwj/wz/"}
    assert not purge_set(tree["wz"]).soft, "an unpublish or a move refreshes nothing softly"
    merged = purge_set(tree["wz"], refresh_lists=True) | purge_set(tree["zcwj"])
    assert f"{ROOT}/gk/zcwj/" not in merged.soft, "hard in either set is hard in the union"


def test_column_adds_the_site_map(tree):
    result = purge_set(tree["zcwj"])
    assert result.urls == {
        *_feeds(f"{ROOT}/gk/zcwj/"),
        *_feeds(f"{ROOT}/gk/"),
        *_feeds(f"{ROOT}/"),
        f"{ROOT}/sitemap.xml",
        f"{ROOT}/sitemap/",
    }
    assert not result.site_wide


def test_top_level_column_and_home_are_site_wide(tree):
    assert purge_set(tree["gk"]).site_wide == {ROOT}
    assert purge_set(tree["home"]).site_wide == {ROOT}


def test_english_pages_purge_the_english_tree(home):
    english = factories.home_page("en", title="Shifan District", slug="en-home")
    news = factories.column(parent=english, title="News", slug="news")
    sub = factories.column(parent=news, title="Releases", slug="releases")
    story = factories.article(parent=sub, title="Library", slug="library")
    assert purge_set(story).urls == {
        f"{ROOT}/en/news/releases/library/",
        *_feeds(f"{ROOT}/en/news/releases/"),
        *_feeds(f"{ROOT}/en/news/"),
        *_feeds(f"{ROOT}/en/"),
        f"{ROOT}/sitemap.xml",
    }
    assert f"{ROOT}/en/sitemap/" in purge_set(sub).urls


def test_publish_and_unpublish_send_the_set_to_the_front_cache(
    tree, front_cache, django_capture_on_commit_callbacks
):
    expected = purge_set(tree["wz"]).urls
    with django_capture_on_commit_callbacks(execute=True):
        tree["wz"].save_revision().publish()
    assert set(front_cache) == expected and len(front_cache) == len(expected)
    front_cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tree["wz"].unpublish()
    assert set(front_cache) == expected
    assert not BANNED


def test_nothing_is_sent_before_commit(tree, front_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tree["wz"].save_revision().publish()
    assert front_cache == []
    for callback in callbacks:
        callback()
    assert front_cache


def test_delete_purges_where_the_page_was(tree, front_cache, django_capture_on_commit_callbacks):
    expected = purge_set(tree["wz"]).urls
    with django_capture_on_commit_callbacks(execute=True):
        tree["wz"].delete()
    assert set(front_cache) == expected


def test_move_purges_old_and_new_places(tree, front_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tree["wz"].move(tree["xw"], pos="last-child")
    assert set(front_cache) == {
        f"{ROOT}/gk/zcwj/wz/",
        f"{ROOT}/xw/wz/",
        *_feeds(f"{ROOT}/gk/zcwj/"),
        *_feeds(f"{ROOT}/gk/"),
        *_feeds(f"{ROOT}/xw/"),
        *_feeds(f"{ROOT}/"),
        f"{ROOT}/sitemap.xml",
    }
    assert not BANNED


def test_moving_a_column_purges_its_items_old_urls(tree, front_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tree["zcwj"].move(tree["xw"], pos="last-child")
    assert {f"{ROOT}/gk/zcwj/wz/", f"{ROOT}/xw/zcwj/wz/", f"{ROOT}/gk/zcwj/", f"{ROOT}/xw/zcwj/"} <= set(
        front_cache
    )


def test_site_wide_change_bans_the_host(tree, front_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tree["gk"].save_revision().publish()
    assert BANNED == [ROOT]
    assert f"{ROOT}/gk/" in front_cache
