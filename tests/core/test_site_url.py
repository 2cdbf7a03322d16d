"""Every absolute URL comes from PORTAL_BASE_URL, whatever Host the request arrived with."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.core import checks
from wagtail.models import Site

from portal.core import site_url
from tests import factories

CANONICAL = "https://www.shifan.gov.cn"


@pytest.fixture
def canonical(settings, home):
    settings.PORTAL_BASE_URL = settings.WAGTAILADMIN_BASE_URL = CANONICAL
    assert site_url.sync_default_site()
    return home


def test_the_default_site_follows_the_base_url(canonical):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("www.shifan.gov.cn", 443)
    assert site.root_url == CANONICAL
    assert not site_url.sync_default_site(), "a second sync changes nothing"


def test_feeds_link_to_the_canonical_host(client, canonical):
    news = factories.column(parent=canonical, title="要闻", slug="yw")
    factories.article(parent=news, title="新闻一", slug="xw1")
    feed = feedparser.parse(client.get(news.url + "feed/rss/", HTTP_HOST="localhost").content)
    assert feed.entries[0].link == CANONICAL + news.url + "xw1/"
    assert feed.feed.link == CANONICAL + news.url
    atom = client.get(news.url + "feed/atom/", HTTP_HOST="localhost").content.decode()
    assert f'href="{CANONICAL}{news.url}feed/atom/"' in atom
    assert "localhost" not in atom


def test_sitemap_and_robots_use_the_canonical_host(client, canonical):
    factories.column(parent=canonical, slug="zwgk")
    xml = client.get("/sitemap.xml", HTTP_HOST="localhost").content
    locs = [el.text for el in ET.fromstring(xml).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc.startswith(CANONICAL + "/") for loc in locs)
    robots = client.get("/robots.txt", HTTP_HOST="localhost").content.decode()
    assert f"Sitemap: {CANONICAL}/sitemap.xml" in robots


def test_api_description_names_the_canonical_server(client, canonical):
    document = client.get("/api/editorial/openapi.json", HTTP_HOST="localhost").json()
    assert document["servers"] == [{"url": CANONICAL + "/api/editorial/"}]


def test_absolute_keeps_full_urls_and_joins_paths(settings):
    settings.PORTAL_BASE_URL = CANONICAL + "/"
    assert site_url.absolute("/a/b/") == CANONICAL + "/a/b/"
    assert site_url.absolute("a") == CANONICAL + "/a"
    assert site_url.absolute("https://other.example/x") == "https://other.example/x"


@pytest.mark.parametrize(
    ("value", "ids"),
    [
        ("https://www.shifan.gov.cn", []),
        ("www.shifan.gov.cn", ["portal.E001"]),
        (CANONICAL + "/portal", ["portal.E001"]),
    ],
)
def test_the_base_url_is_checked(settings, value, ids):
    settings.PORTAL_BASE_URL = value
    assert [m.id for m in site_url.check_base_url()] == ids


def test_plain_http_is_a_deploy_warning(settings):
    settings.PORTAL_BASE_URL = "http://www.shifan.gov.cn"
    assert site_url.check_base_url() == []
    assert [m.level for m in site_url.check_base_url_https()] == [checks.WARNING]
