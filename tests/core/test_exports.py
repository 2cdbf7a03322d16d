"""Spreadsheet exports: formula injection neutralised, control characters dropped, never a 500."""

import csv
import io

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from portal.core.audit import audit_entries, export, log
from portal.core.exports import csv_bytes, export_response, safe_cell, sheet_title, xlsx_bytes
from tests import factories

FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '  =HYPERLINK("http://x")', "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_starts_become_text(value):
    assert safe_cell(value).startswith("'")


@pytest.mark.parametrize("value, expected", [("a\x00b", "ab"), ("a\x1bb\x7f", "ab"), ("\ud800x", "x")])
def test_control_characters_and_lone_surrogates_are_dropped(value, expected):
    assert safe_cell(value) == expected


def test_plain_values_are_left_alone():
    assert [safe_cell(v) for v in ["通知", 3, -2, 1.5, None, True]] == ["通知", 3, -2, 1.5, "", "是"]
    assert safe_cell("a\tb\nc") == "a\tb\nc"


def test_sheet_titles_excel_accepts():
    assert sheet_title("=审计[日志]:*?/\\'\x00") == "=审计日志"
    assert sheet_title("") == "Sheet1" and len(sheet_title("长" * 40)) == 31


def test_both_formats_hold_every_awkward_value():
    rows = [[v, "a\x00b", "\ud83d"] for v in FORMULAS]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(["标题", "=列", "x"], rows, title="=[bad]"))).active
    assert sheet["A1"].value == "标题" and sheet["B1"].value == "'=列"
    assert all(str(sheet.cell(row=n + 2, column=1).value).startswith("'") for n in range(len(FORMULAS)))
    assert sheet["B2"].value == "ab"
    read = list(csv.reader(io.StringIO(csv_bytes(["标题"], rows).decode("utf-8-sig"))))
    assert all(r[0].startswith("'") for r in read[1:]) and read[1][1] == "ab"


def test_export_response_names_the_download():
    response = export_response("xlsx", "audit", ["a"], [["=1"]])
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')


@pytest.fixture
def hostile_pages(home):
    titles = ['=HYPERLINK("http://evil","点击")', "+SUM(1)", "-2+3", "@cmd", "\t=1", "\r=2"]
    if connection.vendor == "sqlite":  # PostgreSQL itself refuses NUL in text
        titles.append("含\x00空字符")
    pages = [factories.article(title=t) for t in titles]
    for page in pages:
        log(page, "wagtail.edit", data={"comment": "=1+1 批注"})
    return pages


def test_audit_export_of_hostile_titles(client, django_user_model, hostile_pages):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.gov.cn", "x"))
    xlsx = client.get(reverse("core_audit"), {"format": "xlsx"})
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [c.value for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    for page in hostile_pages:
        # openpyxl with lxml keeps a carriage return; without lxml, XML reads it back as a line feed
        expected = safe_cell(page.title)
        assert expected in values or expected.replace("\r", "\n") in values
    assert not any(v.lstrip(" \n").startswith(("=", "+", "-", "@", "\t", "\r")) for v in values)
    assert not any("\x00" in v for v in values)

    text = client.get(reverse("core_audit"), {"format": "csv"}).content.decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'=1+1 批注" in cells
    assert not any(c.lstrip(" \n").startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)


def test_audit_export_function_directly(hostile_pages):
    for fmt in ("csv", "xlsx"):
        assert export(fmt, audit_entries()).status_code == 200
