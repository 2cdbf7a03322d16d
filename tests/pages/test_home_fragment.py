"""The home page's body is cached per variant and tree version: fresh after any change, never for
a preview."""

from types import SimpleNamespace

from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.core.templatetags.portal_tags import tree_version
from tests import factories


def test_the_body_is_read_once_and_again_after_a_publish(client, home):
    news = factories.column(parent=home, title="要闻", column_type="news")
    factories.article(parent=news, title="第一条新闻")
    assert "第一条新闻" in client.get("/").content.decode()
    with CaptureQueriesContext(connection) as warm:
        client.get("/")
    factories.article(parent=news, title="刚发布的新闻")
    page = client.get("/").content.decode()
    assert "刚发布的新闻" in page and "第一条新闻" in page
    assert len(warm.captured_queries) < 10


def test_a_variant_has_its_own_body(client, home):
    news = factories.column(parent=home, title="要闻", column_type="news")
    factories.article(parent=news, title="发展改革新闻")
    assert "发展改革新闻" in client.get("/").content.decode()
    client.cookies["portal_pref"] = "hant"
    assert "發展改革新聞" in client.get("/").content.decode()


def test_a_preview_never_reads_or_leaves_a_reusable_body(db):
    preview = {"request": SimpleNamespace(is_preview=True)}
    first, second = tree_version(preview), tree_version(preview)
    assert first.startswith("preview-") and first != second
    live = {"request": SimpleNamespace(is_preview=False)}
    assert tree_version(live) == tree_version(live)
