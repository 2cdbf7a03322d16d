"""The standard catalogue: XLSX round trip, an invalid file applying nothing, and the
compliance view flagging a stale entry, an unlinked entry and an unlinked column."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from portal.core.workdays import WorkdayCalendar
from portal.disclosure.catalogue_xlsx import HEADERS
from portal.disclosure.models import CatalogueEntry
from portal.disclosure.services import compliance_report, export_catalogue, import_catalogue
from tests import factories

from .conftest import add_catalogue_page


def _entry(org, l2="部门预算", columns=(), **fields):
    values = {
        "domain": "财政预决算",
        "item_level1": "财政预决算",
        "item_level2": l2,
        "content": "部门收支预算总表及说明",
        "basis": "《中华人民共和国预算法》",
        "channels": ["政府网站", "公报"],
    }
    values.update(fields)
    entry = CatalogueEntry.objects.create(organisation=org, **values)
    entry.columns.set(columns)
    entry.save()
    return entry


def _snapshot():
    return sorted(
        (
            e.organisation.code,
            e.level,
            e.domain,
            e.item_level1,
            e.item_level2,
            e.content,
            e.basis,
            e.time_limit,
            e.time_limit_days,
            tuple(e.channels),
            e.audience,
            e.mode,
            e.event_on,
            tuple(sorted(c.pk for c in e.columns.all())),
        )
        for e in CatalogueEntry.objects.all()
    )


def _book(content):
    return load_workbook(io.BytesIO(content))


def _bytes(book):
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_round_trip_recreates_every_field(tree):
    finance = factories.column(tree.zwgk, title="财政信息", slug="czxx", column_type="disclosure")
    _entry(tree.dept, columns=[finance], event_on=timezone.localdate() - timedelta(days=3))
    _entry(
        tree.street,
        l2="最低生活保障",
        level="street",
        audience="group",
        channels=["便民服务站", "公示栏", "12345"],
        content="=申请条件、保障标准",
        time_limit_days=10,
    )
    before = _snapshot()
    content = export_catalogue()
    assert [c.value for c in _book(content).active[1]] == HEADERS
    CatalogueEntry.objects.all().delete()
    result = import_catalogue(content)
    assert result.errors == [] and result.created == 2 and result.applied
    assert _snapshot() == before
    # an edited cell updates the matching entry, nothing is duplicated
    book = _book(content)
    book.active.cell(row=2, column=HEADERS.index("公开依据") + 1, value="《政府信息公开条例》第二十条")
    result = import_catalogue(_bytes(book))
    assert (result.created, result.updated) == (0, 2)
    assert CatalogueEntry.objects.filter(basis="《政府信息公开条例》第二十条").count() == 1


def test_an_invalid_row_applies_nothing_and_is_reported_by_row_and_column(tree):
    kept = _entry(tree.dept)
    content = export_catalogue()
    book = _book(content)
    sheet = book.active
    sheet.cell(row=2, column=HEADERS.index("公开依据") + 1, value="已修改的依据")  # a valid change
    row = [c.value for c in sheet[2]]
    row[HEADERS.index("二级事项")] = "部门决算"  # a new valid row
    sheet.append(row)
    bad = list(row)
    bad[HEADERS.index("二级事项")] = "三公经费"
    bad[HEADERS.index("机构代码")] = "NOSUCHCODE1"
    bad[HEADERS.index("公开渠道和载体")] = "政府网站、飞鸽传书"
    bad[HEADERS.index("触发事件日期")] = "去年"
    sheet.append(bad)
    result = import_catalogue(_bytes(book))
    assert not result.applied
    problems = {(e.row, e.column) for e in result.errors}
    assert {(4, "机构代码"), (4, "公开渠道和载体"), (4, "触发事件日期")} <= problems
    assert "第 4 行" in str(result.errors[0])
    assert CatalogueEntry.objects.count() == 1
    assert CatalogueEntry.objects.get(pk=kept.pk).basis == "《中华人民共和国预算法》"


def test_the_import_screen_reports_errors_and_imports_a_valid_file(admin_client, tree):
    _entry(tree.dept)
    content = export_catalogue()
    book = _book(content)
    book.active.cell(row=2, column=HEADERS.index("公开层级") + 1, value="省级")
    url = reverse("disclosure_catalogue_import")
    html = admin_client.post(url, {"file": SimpleUploadedFile("mulu.xlsx", _bytes(book))}).content.decode()
    assert "未导入任何内容" in html and "只能填写" in html
    html = admin_client.post(url, {"file": SimpleUploadedFile("mulu.xlsx", content)}).content.decode()
    assert "已导入" in html
    export = admin_client.get(reverse("disclosure_catalogue_export"))
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")


def test_compliance_flags_a_stale_entry_an_unlinked_entry_and_an_unlinked_column(admin_client, tree):
    today = timezone.localdate()
    cal = WorkdayCalendar()
    silent = factories.column(tree.zwgk, title="重大项目", slug="zdxm", column_type="disclosure")
    busy = factories.column(tree.zwgk, title="财政信息", slug="czxx", column_type="disclosure")
    orphan = factories.column(tree.zwgk, title="统计信息", slug="tjxx", column_type="disclosure")
    event = today - timedelta(days=60)
    factories.article(busy, date=timezone.now() - timedelta(days=50))  # within 20 working days of the event
    stale = _entry(tree.dept, l2="项目审批", columns=[silent], event_on=event)
    on_time = _entry(tree.dept, l2="部门预算", columns=[busy], event_on=event)
    pending = _entry(tree.dept, l2="部门决算", columns=[silent], event_on=cal.subtract_working_days(today, 5))
    unlinked = _entry(tree.dept, l2="三公经费")
    _entry(tree.district, l2="政策文件", columns=[tree.policies])
    report = compliance_report(today=today)
    assert [f.entry for f in report.stale] == [stale]
    assert on_time not in [f.entry for f in report.stale] and pending not in [f.entry for f in report.stale]
    assert report.unlinked_entries == [unlinked]
    assert orphan in report.unlinked_columns and silent not in report.unlinked_columns
    assert tree.zwgk not in report.unlinked_columns  # a column with sub-columns is not a leaf
    html = admin_client.get(reverse("disclosure_compliance")).content.decode()
    assert "项目审批" in html and "三公经费" in html and "统计信息" in html
    assert "逾期未公开（1）" in html


def test_compliance_by_promised_frequency_without_an_event(tree):
    weekly = factories.column(
        tree.zwgk, title="行政执法公示", slug="xzzfgs", column_type="disclosure", update_frequency="weekly"
    )
    factories.article(weekly, date=timezone.now() - timedelta(days=30))
    entry = _entry(tree.dept, l2="行政处罚结果", columns=[weekly])
    assert [f.entry for f in compliance_report().stale] == [entry]
    factories.article(weekly, date=timezone.now() - timedelta(days=1))
    assert compliance_report().stale == []


def test_the_public_catalogue_lists_entries_by_organisation_and_level(client, tree):
    page = add_catalogue_page(tree.zwgk)
    _entry(tree.dept, l2="部门预算", columns=[tree.policies])
    _entry(tree.street, l2="最低生活保障", level="street")
    html = client.get(page.url).content.decode()
    assert "部门预算" in html and "最低生活保障" in html and "区教育局" in html
    html = client.get(page.url, {"level": "street"}).content.decode()
    assert "最低生活保障" in html and "部门预算" not in html
