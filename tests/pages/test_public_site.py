"""The public site's chrome and lists: descriptions, hotline, 找错, new media, topics, carousel,
policy tables, the site map, search filters, the English footer and the assistive toolbar."""

import datetime
import re

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from portal.core.models.site_identity import NATIONAL_ERROR_REPORT_URL
from tests import factories


def _description(html: str) -> str | None:
    found = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(found) <= 1
    return found[0] if found else None


def test_every_page_has_a_meta_description(client, home):
    home.intro = "示范区人民政府门户网站是区政府的官方网站。"
    home.save()
    column = factories.column(parent=home, title="通知公告", description="发布区政府通知公告")
    summary = factories.article(parent=column, summary="春季防火的通告摘要。")
    promoted = factories.article(parent=column, search_description="搜索引擎看到的描述", summary="摘要")
    long_body = "会议指出，" + "要抓好民生实事项目的落实，" * 20
    bare = factories.article(parent=column, body=[("paragraph", f"<p>{long_body}</p>")])
    policy = factories.policy_document(body="<p>第一条　为了规范管理，制定本办法。</p>")
    assert _description(client.get(home.url).content.decode()) == home.intro
    assert _description(client.get(column.url).content.decode()) == "发布区政府通知公告"
    assert _description(client.get(summary.url).content.decode()) == "春季防火的通告摘要。"
    assert _description(client.get(promoted.url).content.decode()) == "搜索引擎看到的描述"
    excerpt = _description(client.get(bare.url).content.decode())
    assert excerpt.startswith("会议指出，要抓好") and excerpt.endswith("…") and len(excerpt) == 120
    assert _description(client.get(policy.url).content.decode()) == "第一条 为了规范管理，制定本办法。"
    for url in ["/sitemap/", "/search/?q=通告"]:
        assert _description(client.get(url).content.decode()) == home.intro


def test_hotline_and_error_report_in_header_and_footer(client, home):
    html = client.get(home.url).content.decode()
    assert 'href="tel:12345"' in html
    assert html.count("政务服务便民热线") >= 2
    assert f'href="{NATIONAL_ERROR_REPORT_URL}" rel="noopener">我为政府网站找错' in html
    factories.site_identity(error_report_url="/hdjl/zc/", hotline="12345-1")
    html = client.get(home.url).content.decode()
    assert 'class="site-footer__error-report" href="/hdjl/zc/">我为政府网站找错' in html
    assert 'href="tel:12345-1"' in html


def test_new_media_block_with_local_qr_codes(client, home):
    html = client.get(home.url).content.decode()
    assert "政务新媒体" not in html  # nothing configured, no empty block
    identity = factories.site_identity()
    identity.new_media = [
        (
            "account",
            {
                "platform": "wechat",
                "name": "示范区发布",
                "url": "https://weixin.example/",
                "note": "扫码关注",
            },
        ),
        (
            "account",
            {"platform": "douyin", "name": "示范区融媒", "url": "https://douyin.example/", "note": ""},
        ),
    ]
    identity.save()
    html = client.get(home.url).content.decode()
    assert "政务新媒体" in html and "政务微信" in html and "政务抖音" in html
    qr = re.findall(r'<img class="new-media__qr" src="([^"]+)"', html)
    assert qr == [
        "/qr.svg?url=https%3A%2F%2Fweixin.example%2F",
        "/qr.svg?url=https%3A%2F%2Fdouyin.example%2F",
    ]
    response = client.get(qr[0].replace("&amp;", "&"))
    assert response["Content-Type"] == "image/svg+xml" and b"<svg" in response.content
    english = factories.home_page("en", title="Shifan District Government")
    assert "new-media" not in client.get(english.url).content.decode()


def test_topics_grid_has_no_empty_slot(client, home):
    topics = factories.column(parent=home, title="专题专栏", column_type="topic")
    for title in ["优化营商环境", "安全生产月", "创建全国文明城区"]:
        factories.column(parent=topics, title=title, column_type="topic")
    html = client.get(home.url).content.decode()
    assert 'class="topics__grid topics__grid--3"' in html
    assert html.count('class="topic-card"') == 3


def test_carousel_first_slide_eager_others_inert(client, home):
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    news = factories.column(parent=home)
    for n in range(3):
        image = get_image_model().objects.create(title=f"图{n}", file=get_test_image_file(f"c{n}.png"))
        factories.article(parent=news, title=f"头条{n}", cover_image=image, is_headline=True)
    html = client.get(home.url).content.decode()
    slides = re.findall(r'<div class="headline-slide[^"]*"[^>]*>.*?</div>', html, re.S)
    assert len(slides) == 3
    assert "inert" not in slides[0] and 'loading="eager"' in slides[0] and 'fetchpriority="high"' in slides[0]
    for slide in slides[1:]:
        assert "inert" in slide and 'aria-hidden="true"' in slide and 'loading="lazy"' in slide


def test_policy_column_lists_a_table_of_metadata(client, home):
    policies = factories.column(parent=home, title="政策文件", column_type="policy")
    factories.policy_document(
        parent=policies,
        title="关于印发学前教育发展实施方案的通知",
        document_number="示政发〔2026〕3号",
        written_date=datetime.date(2026, 3, 2),
    )
    factories.policy_document(parent=policies, title="已废止的办法", validity="repealed")
    html = client.get(policies.url).content.decode()
    assert '<table class="policy-table">' in html
    for text in ["文号", "成文日期", "有效性", "示政发〔2026〕3号", "2026-03-02", ">有效<", ">废止<"]:
        assert text in html, text
    news = factories.column(parent=home, column_type="news")
    factories.article(parent=news)
    assert "policy-table" not in client.get(news.url).content.decode()


def test_site_map_lists_columns_not_articles(client, home):
    level1 = factories.column(parent=home, title="新闻动态")
    level2 = factories.column(parent=level1, title="区政府要闻")
    factories.article(parent=level2, title="示范区召开常务会议")
    factories.article(parent=level1, title="直接挂在一级栏目下的文章")
    html = client.get("/sitemap/").content.decode()
    assert "新闻动态" in html and "区政府要闻" in html
    assert "示范区召开常务会议" not in html and "直接挂在一级栏目下的文章" not in html


def test_search_filters_fold_behind_a_summary(client, home):
    from django.core.management import call_command

    factories.article(parent=factories.column(parent=home), title="关于春季防火的通知")
    call_command("rebuild_search_index", verbosity=0)
    html = client.get("/search/?q=春季防火").content.decode()
    assert '<details class="search-filters" data-search-filters>' in html
    assert '<summary class="search-filters__toggle">筛选结果</summary>' in html
    assert 'class="search-item"' in html


def test_english_footer_is_in_english(client, home):
    factories.site_identity(
        sponsor_en="General Office of the Shifan District People's Government",
        organizer_en="Shifan District Government Services and Data Administration",
        contact_address="示范区政务大道88号",
        contact_address_en="88 Zhengwu Avenue, Shifan District",
    )
    english = factories.home_page("en", title="Shifan District Government")
    html = client.get(english.url).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for text in [
        "Sponsor: General Office",
        "Operator: Shifan District Government Services",
        "88 Zhengwu Avenue",
        "Site map",
        "Report an error on this site",
        "Government service hotline: 12345",
    ]:
        assert text in footer, text
    for text in ["主办单位", "承办单位", "网站地图", "示范区政务大道"]:
        assert text not in footer, text


def test_breadcrumb_label_and_toolbar_markup(client, home):
    article = factories.article(parent=factories.column(parent=home))
    html = client.get(article.url).content.decode()
    assert '<span class="breadcrumbs__label">当前位置：</span>' in html
    assert re.search(
        r'<section class="assist-toolbar" id="assist-toolbar" data-assist-toolbar[^>]* hidden ', html
    )
    assert 'src="/static/js/assist.js"' in html
    for tool in ["speak", "magnifier", "guide", "cursor", "textonly"]:
        assert f'data-assist="{tool}" aria-pressed="false"' in html
    client.cookies["portal_pref"] = "a11y"
    html = client.get(article.url).content.decode()
    assert not re.search(r"data-assist-toolbar[^>]* hidden ", html)
    assert "退出无障碍" in html
