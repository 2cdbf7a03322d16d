"""Service guides: key fields, the veto rule, the guide page and the ways in (no JavaScript)."""

from datetime import date

import pytest
from django.utils import timezone

from portal.core.workdays import add_working_days
from portal.services import services
from portal.services.models import ServiceItemPage, ServiceSettings

from .conftest import guide

pytestmark = pytest.mark.django_db


def test_complete_guide_has_every_key_field(hall):
    assert services.missing_key_fields(hall.licence) == []


def test_incomplete_guide_lists_its_missing_key_fields(hall):
    item = guide(hall.column, "残缺事项", "QX-001", hall.market, complete=False)
    missing = services.labels(services.missing_key_fields(item))
    assert missing == [
        "设定依据",
        "申请条件",
        "办理材料",
        "办理地点",
        "收费标准",
        "办理时间",
        "联系电话",
        "办理流程",
    ]


def test_veto_rule_five_items_each_lacking_four_fields(hall):
    for n in range(4):
        guide(hall.column, f"残缺事项{n}", f"QX-{n}", hall.commerce, complete=False)
    # A guide lacking three fields does not count towards the veto.
    guide(hall.column, "缺三项", "QS-1", hall.commerce, complete=True, fees="", hours="", phone="")
    report = services.completeness_report()
    assert report.veto_count == 4 and not report.fails
    row = next(r for r in report.organisations if r.organisation == hall.commerce)
    assert row.veto_count == 4 and len(row.incomplete) == 5
    guide(hall.column, "残缺事项4", "QX-4", hall.market, complete=False)
    report = services.completeness_report()
    assert report.veto_count == 5 and report.fails
    assert [r.organisation for r in report.organisations][:2] == [hall.commerce, hall.market]


def test_veto_thresholds_are_settings(hall):
    guide(hall.column, "残缺事项", "QX-001", hall.market, complete=False)
    conf = ServiceSettings.load()
    conf.veto_items = 1
    conf.save()
    assert services.completeness_report().fails


def test_guide_page_shows_fields_and_due_dates_without_javascript(client, hall):
    response = client.get(hall.licence.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    for text in [
        "事项编码 SC-001",
        "设定依据",
        "申请条件",
        "经营场所证明",
        "复印件",
        "办理流程",
        "收费标准",
        "不收费",
    ]:
        assert text in html
    due = add_working_days(timezone.localdate(), 5)
    assert f"{due.year}年{due.month}月{due.day}日" in html
    assert "/banshi/ditu/zwfwzx/" in html  # the place's own page
    assert 'href="https://zwfw.example.gov.cn/yyzz"' in html
    assert f"/banshi/pingjia/{hall.licence.pk}/" in html


def test_due_date_counts_working_days_over_a_holiday():
    # 2026-09-30 (Wed) + 3 working days: the National Day holiday (1–7 Oct) is skipped.
    deadline = services.due_date(3, date(2026, 9, 30))
    assert deadline.due == add_working_days(date(2026, 9, 30), 3) > date(2026, 10, 7)


def test_browse_by_audience_event_lifecycle_organisation_and_letter(client, hall):
    hall.licence.lifecycle = "start"
    hall.licence.save_revision().publish()
    person = guide(
        hall.column, "居民身份证申领", "GA-001", hall.market, audience="person", life_event="identity"
    )
    assert hall.licence.initial == "Y" and person.initial == "J"
    pages = {
        "?audience=legal": ("营业执照办理", "居民身份证申领"),
        "?audience=person": ("居民身份证申领", "营业执照办理"),
        "?event=identity": ("居民身份证申领", "食品经营许可"),
        "?stage=start": ("营业执照办理", "食品经营许可"),
        f"?org={hall.commerce.pk}": ("酒类商品零售许可", "营业执照办理"),
        "?letter=J": ("居民身份证申领", "营业执照办理"),
    }
    for query, (present, absent) in pages.items():
        html = client.get("/banshi/shixiang/" + query).content.decode()
        assert present in html, query
        assert absent not in html, query
    index = client.get("/banshi/").content.decode()
    assert "示范区市场监督管理局" in index and "我要开餐馆" in index and "营业执照办理" in index


def test_featured_guides_on_the_home_page(client, hall):
    html = client.get("/").content.decode()
    assert "重点办事服务指引" in html and "营业执照办理" in html


def test_unpublished_guides_are_not_listed(client, hall):
    hall.alcohol.unpublish()
    html = client.get("/banshi/shixiang/").content.decode()
    assert "酒类商品零售许可" not in html
    assert ServiceItemPage.objects.count() == 3
