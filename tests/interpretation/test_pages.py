"""Interpretations link to their documents both ways; a repealed document's notice; packages in
the fixed order; the index with kind badges; validation of each kind; Open Graph meta."""

import pytest
from django.core.exceptions import ValidationError

from portal.interpretation.models import InterpretationPage
from tests import factories

from .conftest import interpretation

pytestmark = pytest.mark.django_db


def test_linking_both_ways(client, site):
    page = interpretation(site.column, [site.doc], kind="text", title="《就业创业补贴办法》政策解读")
    html = client.get(page.url).content.decode()
    assert site.doc.url in html and "示范区就业创业补贴办法" in html and "有效" in html
    policy_html = client.get(site.doc.url).content.decode()
    assert 'id="zcjd"' in policy_html and page.url in policy_html and "文字解读" in policy_html
    other_html = client.get(site.other.url).content.decode()
    assert 'id="zcjd"' not in other_html  # no interpretation: no section


def test_policy_page_lists_its_packages(client, site):
    site.package.save_revision().publish()
    html = client.get(site.doc.url).content.decode()
    assert site.package.url in html and "解读专题" in html


def test_repealed_original_carries_the_notice(client, site):
    page = interpretation(site.column, [site.doc])
    assert 'role="alert"' not in client.get(page.url).content.decode()
    site.doc.validity = "repealed"
    site.doc.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "本解读所依据的《示范区就业创业补贴办法》本文件已废止" in html
    assert "不再作为执行依据" in html


def test_interpretation_purged_when_its_document_changes(
    site, django_capture_on_commit_callbacks, monkeypatch
):
    from portal.core import purge

    page = interpretation(site.column, [site.doc])
    sent = []
    monkeypatch.setattr(purge, "_send", lambda result: sent.append(result))
    with django_capture_on_commit_callbacks(execute=True):
        site.doc.save_revision().publish()
    urls = set().union(*(r.urls for r in sent))
    assert any(u.endswith(page.url) for u in urls)
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    urls = set().union(*(r.urls for r in sent))
    assert any(u.endswith(site.doc.url) for u in urls)


def test_package_in_the_fixed_order(client, site):
    for kind in ["media", "qa", "expert", "text", "graphic", "leader", "video"]:
        fields = {}
        if kind in ("expert", "leader"):
            fields = {"speaker_name": "张三", "speaker_title": "教授"}
        if kind == "media":
            fields = {
                "media_url": "https://news.example.cn/1",
                "media_source": "示范日报",
                "media_date": "2026-11-02",
            }
        if kind == "video":
            fields = {"video": factories.document(name="v.mp4", content=b"mp4"), "transcript": "实录"}
        interpretation(
            site.package,
            [site.doc],
            kind=kind,
            title=f"解读-{kind}",
            questions=[("问题？", "答案。")] if kind == "qa" else (),
            **fields,
        )
    site.package.save_revision().publish()
    html = client.get(site.package.url).content.decode()
    order = [
        "part-original",
        "part-graphic",
        "part-text",
        "part-expert",
        "part-qa",
        "part-media",
        "part-interaction",
    ]
    positions = [html.index(f'id="{p}"') for p in order]
    assert positions == sorted(positions)
    graphic, text, expert = positions[1], positions[2], positions[3]
    assert graphic < html.index("解读-graphic") < text and graphic < html.index("解读-video") < text
    assert text < html.index("解读-text") < expert and text < html.index("解读-leader") < expert
    index = client.get(site.column.url).content.decode()
    assert site.package.url in index
    for badge in ["图解", "文字解读", "专家解读", "问答", "媒体聚焦", "视频解读", "领导解读"]:
        assert f'<span class="badge badge--kind">{badge}</span>' in index


def test_index_lists_packages_newest_first(client, site):
    from datetime import timedelta

    from portal.interpretation.models import InterpretationPackagePage

    site.package.save_revision().publish()
    newer = site.column.add_child(
        instance=InterpretationPackagePage(
            title="养老服务补贴解读专题",
            slug="ylfw",
            policy=site.other,
            date=site.package.date + timedelta(days=1),
        )
    )
    newer.save_revision().publish()
    html = client.get(site.column.url).content.decode()
    assert html.index(newer.url) < html.index(site.package.url)


@pytest.mark.parametrize(
    ("kind", "fields", "error"),
    [
        ("graphic", {"body": ""}, "body"),
        ("expert", {"speaker_name": ""}, "speaker_name"),
        ("leader", {"speaker_name": "李四", "speaker_title": ""}, "speaker_title"),
        ("media", {"media_url": ""}, "media_url"),
        ("video", {"transcript": ""}, "video"),
    ],
)
def test_each_kind_requires_its_fields(site, kind, fields, error):
    page = InterpretationPage(title="x", slug="x", kind=kind, **fields)
    with pytest.raises(ValidationError) as raised:
        page.clean()
    assert error in raised.value.message_dict


def test_video_plays_in_the_browsers_player_with_captions(client, site):
    video = factories.document(name="jiedu.mp4", content=b"\x00\x00\x00\x18ftypmp42")
    captions = factories.document(
        name="jiedu.vtt", content=b"WEBVTT\n\n00:00.000 --> 00:02.000\n\xe6\x94\xbf\xe7\xad\x96\n"
    )
    page = interpretation(
        site.column, [site.doc], kind="video", video=video, captions=captions, transcript="主持人：各位好。"
    )
    html = client.get(page.url).content.decode()
    assert "<video controls" in html and '<track kind="captions"' in html and 'srclang="zh"' in html
    assert "文字实录" in html and "主持人：各位好。" in html


def test_open_graph_meta(client, site):
    page = interpretation(site.column, [site.doc], title="就业补贴怎么领", summary="一图读懂就业补贴申领。")
    html = client.get(page.url).content.decode()
    assert '<meta property="og:title" content="就业补贴怎么领">' in html
    assert '<meta property="og:description" content="一图读懂就业补贴申领。">' in html
    assert '<meta property="og:image" content="http://' in html
    article = factories.article(site.column, title="一篇新闻")
    article.save_revision().publish()
    assert '<meta property="og:title" content="一篇新闻">' in client.get(article.url).content.decode()
    assert 'property="og:title"' not in client.get(site.column.url).content.decode()  # a list page


def test_the_index_reads_the_kinds_of_all_its_packages_at_once(
    client, site, settings, django_assert_max_num_queries
):
    from portal.interpretation.models import InterpretationPackagePage

    from .conftest import interpretation

    settings.PORTAL_PAGE_CACHE = False
    interpretation(site.package, [site.doc], title="补贴图解", kind="graphic")
    interpretation(site.column, [site.doc], title="补贴文字解读", kind="text")
    site.package.save_revision().publish()
    for n in range(6):
        extra = site.column.add_child(
            instance=InterpretationPackagePage(
                title=f"养老专题{n}", slug=f"yl-{n}", policy=site.other, owner_organisation=site.dept
            )
        )
        interpretation(extra, [site.other], title=f"养老问答{n}", kind="qa")
    client.get(site.column.url)
    with django_assert_max_num_queries(14):  # not a few queries per package
        html = client.get(site.column.url).content.decode()
    first = html.split("就业创业补贴政策解读专题")[1].split("</li>")[0]
    assert "图解" in first and "文字解读" in first
    assert html.count("badge--kind") >= 2 + 6
