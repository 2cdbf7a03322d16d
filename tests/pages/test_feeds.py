from datetime import timedelta

import feedparser
from django.utils import timezone

from tests import factories


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return feedparser.parse(response.content)


def test_column_rss_and_atom_feeds(client, home):
    news = factories.column(parent=home, title="区政府要闻", description="区政府重要新闻")
    other = factories.column(parent=home, title="通知公告")
    now = timezone.now()
    factories.article(parent=news, title="较早的新闻", date=now - timedelta(days=2), summary="摘要一")
    factories.article(parent=news, title="最新的新闻", date=now - timedelta(hours=1))
    factories.article(parent=other, title="不属于本栏目")
    draft = factories.article(parent=news, title="草稿不应出现")
    draft.unpublish()

    rss = _parse(client, news.url + "feed/rss/")
    assert rss.version == "rss20"
    assert rss.feed.title == "区政府要闻"
    assert [e.title for e in rss.entries] == ["最新的新闻", "较早的新闻"]
    assert rss.entries[1].summary == "摘要一"
    assert rss.entries[0].link.endswith(news.url + rss.entries[0].link.split(news.url)[-1])

    atom = _parse(client, news.url + "feed/atom/")
    assert atom.version == "atom10"
    assert [e.title for e in atom.entries] == ["最新的新闻", "较早的新闻"]


def test_site_wide_feed_has_all_columns(client, home):
    factories.article(parent=factories.column(parent=home), title="甲栏目文章")
    factories.article(parent=factories.column(parent=home), title="乙栏目文章")
    titles = {e.title for e in _parse(client, home.url + "feed/rss/").entries}
    assert {"甲栏目文章", "乙栏目文章"} <= titles
    titles = {e.title for e in _parse(client, home.url + "feed/atom/").entries}
    assert {"甲栏目文章", "乙栏目文章"} <= titles


def test_sitemap_lists_live_pages_only(client, home):
    column = factories.column(parent=home, slug="news")
    live = factories.article(parent=column, slug="live-article")
    draft = factories.article(parent=column, slug="draft-article")
    draft.unpublish()
    body = client.get("/sitemap.xml").content.decode()
    assert live.url in body
    assert "draft-article" not in body


def test_sitemap_includes_english_site_and_generated_pages(client, home):
    from portal.disclosure.models import OrganisationDirectoryPage

    english = factories.home_page("en", title="Shifan District", slug="en-home")
    story = factories.article(parent=factories.column(parent=english, slug="news-en"), slug="en-story")
    org = factories.organisation(slug="education-bureau")
    directory = factories.column(parent=home).add_child(
        instance=OrganisationDirectoryPage(title="机构职能", slug="jgzn")
    )
    body = client.get("/sitemap.xml").content.decode()
    assert "/en/news-en/en-story/" in body and story.live
    assert f"{directory.url}{org.slug}/" in body
