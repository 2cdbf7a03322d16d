import re

from tests import factories


def _meta(html: str, name: str) -> str:
    match = re.search(rf'<meta name="{name}" content="([^"]*)">', html)
    return match.group(1) if match else None


def test_footer_shows_identifiers_on_every_page(client, home):
    article = factories.article(parent=factories.column(parent=home))
    for url in [home.url, article.url]:
        html = client.get(url).content.decode()
        for text in [
            "9999000001",
            "示ICP备2026000001号",
            "示公网安备99999902000001号",
            "示范区人民政府办公室",
            "示范区政务服务数据管理局",
            "党政机关",
        ]:
            assert text in html, (url, text)


def test_government_meta_tags(client, home):
    column = factories.column(
        parent=home,
        title="通知公告",
        column_type="notice",
        description="发布区政府通知公告",
        keywords="通知,公告",
    )
    from datetime import datetime
    from zoneinfo import ZoneInfo

    when = datetime(2026, 3, 5, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    article = factories.article(parent=column, title="关于春季防火的通告", date=when, source="区应急管理局")
    html = client.get(article.url).content.decode()
    assert _meta(html, "SiteName") == "示范区人民政府门户网站"
    assert _meta(html, "SiteDomain") == "www.shifan.gov.cn"
    assert _meta(html, "SiteIDCode") == "9999000001"
    assert _meta(html, "ColumnName") == "通知公告"
    assert _meta(html, "ColumnDescription") == "发布区政府通知公告"
    assert _meta(html, "ColumnKeywords") == "通知,公告"
    assert _meta(html, "ColumnType") == "通知公告"
    assert _meta(html, "ArticleTitle") == "关于春季防火的通告"
    assert _meta(html, "PubDate") == "2026-03-05 09:30"
    assert _meta(html, "ContentSource") == "区应急管理局"
    column_html = client.get(column.url).content.decode()
    assert _meta(column_html, "ColumnName") == "通知公告"
    assert _meta(column_html, "ArticleTitle") is None


def test_traditional_view_converts_text(client, home):
    article = factories.article(parent=factories.column(parent=home), title="关于开展营业执照网上办理的通知")
    response = client.get("/display/traditional/", {"next": article.url}, follow=True)
    html = response.content.decode()
    assert "關於開展營業執照網上辦理的通知" in html
    assert 'lang="zh-Hant"' in html
    assert "Cookie" in response["Vary"]
    html = client.get("/display/simplified/", {"next": article.url}, follow=True).content.decode()
    assert "关于开展营业执照网上办理的通知" in html


def test_elderly_mode_persists_across_pages(client, home):
    article = factories.article(parent=factories.column(parent=home))
    response = client.get("/display/elderly/", {"next": home.url})
    assert response.status_code == 302 and response["Location"] == home.url
    assert response.cookies["portal_pref"].value == "elderly"
    assert response.cookies["portal_pref"]["max-age"] >= 365 * 24 * 3600
    for url in [home.url, article.url]:
        assert "elderly-mode" in client.get(url).content.decode()
    client.get("/display/standard/", {"next": home.url})
    assert "elderly-mode" not in client.get(article.url).content.decode()


def test_display_toggle_refuses_foreign_redirects(client, home):
    response = client.get("/display/elderly/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert client.get("/display/unknown/").status_code == 400


def test_robots_txt_points_at_sitemap(client, home):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://localhost/sitemap.xml" in body, "the canonical address, not the Host header"


def test_share_qr_code_is_svg(client, home):
    response = client.get("/qr.svg", {"url": "http://testserver/news/1/"})
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content
    assert client.get("/qr.svg").status_code == 400


def test_english_site_has_its_own_tree_and_english_chrome(client, home):
    english = factories.home_page("en", title="Shifan District", slug="en-home")
    news = factories.column(parent=english, title="News", slug="news")
    story = factories.article(
        parent=news, title="Shifan opens a new library", slug="library", source="Shifan News"
    )
    assert story.url == "/en/news/library/"
    html = client.get(story.url).content.decode()
    assert '<html lang="en"' in html
    assert "Skip to main content" in html and "You are here" in html
    assert "Shifan opens a new library" in html
    # the language switch links the two home pages
    assert 'href="/"' in html
    assert 'href="/en/"' in client.get(home.url).content.decode()
