"""Import from external platforms (12345, message boards): CSV and XLSX, idempotent on the
external id, bad rows reported, a forged file refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from portal.interaction.imports import import_letters
from portal.interaction.models import Letter

from .conftest import channel

pytestmark = pytest.mark.django_db

CSV = (
    "工单编号,标题,诉求内容,来电人,联系电话,来电时间,渠道\n"
    "12345-001,路灯不亮,幸福路路灯连续一周不亮,赵六,13700001111,2026-03-02 08:30,投诉建议\n"
    "12345-002,咨询社保,灵活就业人员如何缴纳社保,钱七,13700002222,2026/03/03 09:00,\n"
    ",缺编号,内容,,,,\n"
).encode("utf-8-sig")


def test_a_csv_import_is_idempotent_on_the_external_id(db):
    default = channel("consultation")
    first = import_letters(CSV, "export.csv", "12345", default)
    assert (first.created, first.skipped) == (2, 0) and "第 4 行" in first.errors[0]
    again = import_letters(CSV, "export.csv", "12345", default)
    assert (again.created, again.skipped) == (0, 2)
    assert Letter.objects.count() == 2
    lamp = Letter.objects.get(external_id="12345-001")
    assert lamp.channel.key == "complaint" and lamp.state == "submitted" and lamp.name == "赵六"
    assert lamp.received_on.isoformat() == "2026-03-02" and lamp.tracking_number.startswith("HD")
    assert not lamp.check_query_code("")  # followed on the platform of origin
    assert Letter.objects.get(external_id="12345-002").channel == default
    # the same id from another platform is another letter
    assert import_letters(CSV, "export.csv", "人民网", default).created == 2


def test_an_xlsx_import_and_missing_columns(db):
    book = Workbook()
    sheet = book.active
    sheet.append(["留言编号", "留言标题", "留言内容", "留言时间"])
    sheet.append(["RM-9", "噪声扰民", "工地夜间施工噪声很大", None])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_letters(buffer.getvalue(), "board.xlsx", "人民网", channel("mailbox"))
    assert result.created == 1 and Letter.objects.get().external_source == "人民网"
    missing = import_letters("标题\n某事\n".encode(), "x.csv", "12345", channel())
    assert "缺少必需的列" in missing.errors[0]
    assert import_letters(b"", "x.csv", "12345", channel()).errors == ["文件为空。"]


def test_the_import_screen_refuses_a_forged_file_and_imports_a_real_one(client, district):
    client.force_login(district.supervisor)
    url = reverse("interaction_admin_import")
    assert client.get(url).status_code == 200
    forged = SimpleUploadedFile("export.xlsx", b"<html><script>alert(1)</script></html>")
    response = client.post(url, {"source": "12345", "channel": channel().pk, "file": forged})
    assert Letter.objects.count() == 0 and "export.xlsx" in response.content.decode()
    wrong_type = SimpleUploadedFile("export.exe", b"MZ\x90\x00")
    response = client.post(url, {"source": "12345", "channel": channel().pk, "file": wrong_type})
    assert "只能导入 CSV 或 XLSX 文件" in response.content.decode()
    real = SimpleUploadedFile("export.csv", CSV)
    response = client.post(url, {"source": "12345", "channel": channel().pk, "file": real})
    assert "新导入 2 封" in response.content.decode() and Letter.objects.count() == 2
