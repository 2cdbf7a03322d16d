"""The automated content check, rule by rule."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from portal.core.models import Leader
from portal.editorial.checks import run_checks
from portal.editorial.checks.confusions import confusions, find_confusions
from portal.editorial.models import CheckRuleSetting, Lexicon
from tests import factories


def rules(findings):
    return [f.rule for f in findings]


def make_article(home, html="<p>正文。</p>", **fields):
    column = factories.column(parent=home)
    return factories.article(parent=column, live=False, body=[("paragraph", html)], **fields)


def test_confusion_list_is_data_with_enough_pairs():
    table = confusions()
    assert len(table) >= 150
    assert table["布署"].right == "部署"
    assert table["既使"].right == "即使"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("截止2026年10月底，全区完成投资", ["截止"]),
        ("截止目前已办结", ["截止目前"]),
        ("报名于10月31日截止。", []),
        ("截至2026年10月底，全区完成投资", []),
        ("报名截至。", ["截至"]),
        ("必需加强领导", ["必需"]),
        ("生活必需品供应充足", []),
        ("会议布署了下一步工作，其它事项另行通知", ["布署", "其它"]),
    ],
)
def test_misused_words_in_context(text, expected):
    assert [rule.wrong for _s, _e, rule in find_confusions(text)] == expected


def test_findings_carry_position_excerpt_and_suggestion(home):
    page = make_article(home, "<p>会议布署了工作。</p>")
    finding = next(f for f in run_checks(page) if f.rule == "confusion")
    assert finding.field == "body"
    assert finding.offset == 2
    assert "【布署】" in finding.excerpt
    assert finding.suggestion == "部署"
    assert finding.severity == "warn"


def test_admin_lexicon_is_used_immediately(home):
    page = make_article(home, "<p>这里有个违禁词甲。</p>")
    assert "sensitive" not in rules(run_checks(page))
    lexicon = Lexicon.objects.get(name="敏感词")
    lexicon.terms = "违禁词甲|删除\n"
    lexicon.save()
    finding = next(f for f in run_checks(page) if f.rule == "sensitive")
    assert finding.blocking and finding.suggestion == "删除"
    Lexicon.objects.create(name="提示词", category="custom", severity="warn", terms="有个")
    assert "lexicon" in rules(run_checks(page))


def test_leader_titles_and_order(home):
    district = factories.district()
    Leader.objects.create(
        organisation=district, name="王建国", slug="wang", title="区委副书记、区长", sort_order=1
    )
    Leader.objects.create(
        organisation=district, name="李明华", slug="li", title="区委常委、常务副区长", sort_order=2
    )
    Leader.objects.create(organisation=district, name="赵晓红", slug="zhao", title="副区长", sort_order=3)

    ok = make_article(home, "<p>区长王建国、常务副区长李明华、副区长赵晓红出席会议。</p>")
    assert not {"leader_title", "leader_order"} & set(rules(run_checks(ok)))

    wrong_title = make_article(home, "<p>副区长王建国主持会议。</p>")
    finding = next(f for f in run_checks(wrong_title) if f.rule == "leader_title")
    assert finding.blocking and "区委副书记、区长" in finding.message

    wrong_order = make_article(home, "<p>副区长赵晓红、区长王建国出席会议。</p>")
    finding = next(f for f in run_checks(wrong_order) if f.rule == "leader_order")
    assert finding.blocking and "王建国" in finding.message

    separate = make_article(home, "<p>赵晓红调研学校。王建国主持会议。</p>")
    assert "leader_order" not in rules(run_checks(separate))

    Leader.objects.create(organisation=district, name="叶俊", slug="ye", title="副区长（兼）", sort_order=4)
    noted = make_article(home, "<p>记者从副区长叶俊获悉。</p>")
    assert "leader_title" not in rules(run_checks(noted))


def test_links_broken_unsafe_and_insecure(home):
    target = factories.article(parent=factories.column(parent=home), live=False)
    html = (
        '<p><a linktype="page" id="999999">失效</a>'
        f'<a linktype="page" id="{target.pk}">未发布</a>'
        '<a href="java\tscript:alert(1)">脚本</a>'
        '<a href="http://example.com/">外链</a>'
        '<a href="/no-such-page/">站内</a>'
        '<a href="https://www.gov.cn/">正常</a></p>'
    )
    found = rules(run_checks(make_article(home, html)))
    assert found.count("broken_link") == 2
    assert "unpublished_link" in found
    assert "unsafe_link" in found
    assert "insecure_link" in found


def test_live_internal_path_is_not_broken(home):
    column = factories.column(parent=home, slug="news")
    english = factories.column(parent=factories.home_page("en"), slug="about")
    page = make_article(
        home, '<p><a href="/news/">新闻</a><a href="https://localhost/en/about/">About</a></p>'
    )
    assert column.live and english.live
    assert "broken_link" not in rules(run_checks(page))
    missing = make_article(home, '<p><a href="/en/nowhere/">Nowhere</a></p>')
    assert "broken_link" in rules(run_checks(missing))


def test_images_need_alt_text(home):
    Image = get_image_model()
    image = Image.objects.create(title="照片", file=get_test_image_file())

    def fresh():  # ImageBlock keeps its alt text on the image instance: one instance per block
        return Image.objects.get(pk=image.pk)

    column = factories.column(parent=home)
    page = factories.article(
        parent=column,
        live=False,
        body=[
            ("paragraph", f'<p>图：</p><embed embedtype="image" id="{image.pk}" alt="" format="fullwidth"/>'),
            ("image", {"image": fresh(), "alt_text": "", "decorative": False}),
            ("image", {"image": fresh(), "alt_text": "", "decorative": True}),
            ("image", {"image": fresh(), "alt_text": "区政府大楼", "decorative": False}),
        ],
    )
    assert rules(run_checks(page)).count("image_alt") == 2


def test_empty_body_blocks(home):
    page = make_article(home, "<p> </p>")
    finding = next(f for f in run_checks(page) if f.rule == "empty_body")
    assert finding.blocking


def test_future_and_back_dated_publish_dates(home):
    now = timezone.now()
    future = make_article(home, date=now + timedelta(days=2))
    assert "future_date" in rules(run_checks(future))
    scheduled = make_article(home, date=now + timedelta(days=2), go_live_at=now + timedelta(days=2))
    assert "future_date" not in rules(run_checks(scheduled))
    old = make_article(home, date=now - timedelta(days=30))
    finding = next(f for f in run_checks(old) if f.rule == "backdated")
    assert not finding.blocking
    CheckRuleSetting.objects.create(rule="backdated", severity="warn", threshold=60)
    assert "backdated" not in rules(run_checks(old))


def test_administrator_can_change_or_disable_a_rule(home):
    page = make_article(home, "<p>其它事项。</p>")
    CheckRuleSetting.objects.create(rule="confusion", severity="block")
    assert next(f for f in run_checks(page) if f.rule == "confusion").blocking
    CheckRuleSetting.objects.filter(rule="confusion").update(enabled=False)
    assert "confusion" not in rules(run_checks(page))


def test_policy_document_fields_are_checked(home):
    doc = factories.policy_document(
        parent=factories.column(parent=home), live=False, body="<p>绝密★启用前</p>"
    )
    finding = next(f for f in run_checks(doc) if f.rule == "confidential")
    assert finding.field == "body" and finding.offset == 0


def fake_corrector(text):
    start = text.find("会义")
    return [(start, start + 2, "会议", "疑似错字")] if start >= 0 else []


def test_pluggable_corrector(home, settings):
    settings.EDITORIAL_EXTRA_CORRECTOR = "tests.editorial.test_checks.fake_corrector"
    finding = next(f for f in run_checks(make_article(home, "<p>召开会义。</p>")) if f.suggestion == "会议")
    assert finding.rule == "confusion" and finding.offset == 2
