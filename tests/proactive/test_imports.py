"""Import against the declared schema: a bad file applies nothing and reports rows in Chinese; a
good one replaces the current version and keeps the previous one; personal data encrypted."""

import io

import pytest
from django.db import connection
from openpyxl import Workbook

from portal.core.personal_data import blind_index
from portal.proactive.imports import check_id, import_dataset
from portal.proactive.models import DatasetVersion, Record

from .conftest import huji_csv, people_rows
from .helpers import id_number

pytestmark = pytest.mark.django_db


def test_a_good_file_becomes_the_current_version(huji):
    report = import_dataset(huji, huji_csv(people_rows()), "huji.csv")
    assert report.ok and report.rows == 6 and report.version.number == 1
    record = Record.objects.get(row_number=2)
    assert record.person_key == blind_index(id_number("19460301", 1))
    assert record.attributes == {
        "birth_date": "1946-03-01",
        "local": True,
        "street": "东街道",
        "community": "一社区",
    }
    assert record.name == "张1明" and "13800000001" in record.personal
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, name, personal FROM proactive_record WHERE id = %s", [record.pk])
        stored = " ".join(cursor.fetchone())
    assert "张1明" not in stored and id_number("19460301", 1) not in stored and "1380000" not in stored


def test_a_bad_file_applies_nothing_and_reports_each_row(huji):
    import_dataset(huji, huji_csv(people_rows()), "huji.csv")
    rows = people_rows()
    rows[1] = ("110101194603020000", "李四", "1946-13-01", "也许", "东街道", "一社区", "")
    rows[2] = (rows[0][0],) + rows[2][1:]
    rows[3] = (rows[3][0], "王五", "", "是", "西街道", "二社区", "")
    report = import_dataset(huji, huji_csv(rows), "huji2.csv")
    assert not report.ok and report.version is None
    problems = [(e.row, e.column, e.problem) for e in report.errors]
    assert (3, "身份证号", "身份证号无效（校验位不对）") in problems
    assert (3, "出生日期", "“1946-13-01”不是有效日期（应为 2024-01-31）") in problems
    assert (3, "户籍在本区", "“也许”应为“是”或“否”") in problems
    assert (4, "身份证号", "与第 2 行重复") in problems
    assert (5, "出生日期", "必填项为空") in problems
    assert str(report.errors[0]).startswith("第 3 行“")
    assert DatasetVersion.objects.get().number == 1 and Record.objects.count() == 6


def test_reimport_replaces_and_keeps_the_previous_version(huji):
    import_dataset(huji, huji_csv(people_rows()), "v1.csv")
    rows = people_rows()[1:]
    rows[0] = rows[0][:3] + ("否",) + rows[0][4:]
    second = import_dataset(
        huji,
        huji_csv(rows + [(id_number("19900101", 9), "新人", "1990-01-01", "是", "东街道", "一社区", "")]),
        "v2.csv",
    )
    assert second.ok and (second.added, second.removed, second.changed) == (1, 1, 1)
    assert huji.current_version.number == 2
    assert list(huji.versions.values_list("number", "status")) == [(2, "current"), (1, "previous")]
    third = import_dataset(huji, huji_csv(rows), "v3.csv")
    assert list(huji.versions.values_list("number", "status")) == [(3, "current"), (2, "previous")]
    assert third.version.row_count == 5 and Record.objects.count() == 11


def test_xlsx_with_typed_cells(canlian):
    from datetime import date

    book = Workbook()
    sheet = book.active
    sheet.append(["身份证号", "残疾等级", "月收入", "家庭人口", "备注"])
    sheet.append([id_number("19800101", 1), 1, 1200.5, 3.0, "x"])
    sheet.append([id_number("19800101", 2), "9", "abc", "2.5", ""])
    sheet.append([None, None, None, None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    bad = import_dataset(canlian, buffer.getvalue(), "canlian.xlsx")
    assert [(e.row, e.column) for e in bad.errors] == [(3, "残疾等级"), (3, "月收入"), (3, "家庭人口")]
    sheet.delete_rows(3)
    buffer = io.BytesIO()
    book.save(buffer)
    good = import_dataset(canlian, buffer.getvalue(), "canlian.xlsx")
    assert good.ok and Record.objects.get().attributes == {"grade": "1", "income": "1200.5", "members": 3}
    assert date.today()  # typed cells came through openpyxl


def test_header_and_schema_problems(huji, canlian):
    assert [str(e) for e in import_dataset(huji, "姓名\n张三\n".encode(), "x.csv").errors][:1] == [
        "第 1 行“身份证号”：缺少必填列"
    ]
    assert import_dataset(huji, b"", "x.csv").errors[0].problem == "文件为空。"
    assert import_dataset(huji, huji_csv([]), "x.csv").errors[0].problem == "文件中没有数据行。"
    assert "无法读取" in import_dataset(huji, b"not a workbook", "x.xlsx").errors[0].problem
    canlian.attributes.filter(role="id_number").update(role="")
    assert "未声明" in import_dataset(canlian, huji_csv([]), "x.csv").errors[0].problem


def test_enterprise_codes_use_uscc():
    from portal.proactive.models import Dataset

    assert check_id(Dataset.Subject.ENTERPRISE, "91110000600037341L") == "91110000600037341L"
    with pytest.raises(ValueError, match="统一社会信用代码无效"):
        check_id(Dataset.Subject.ENTERPRISE, "91110000600037341X")
    with pytest.raises(ValueError, match="位数不对"):
        check_id(Dataset.Subject.PERSON, "1101011946")
