"""The annual report: every table against hand-counted fixtures (with carry-over from 2024 and
into 2026), the district's aggregation, the admin list with missing reports flagged, publication
in 年报 with DOCX/PDF, and the reminders before 31 January and 31 March."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from portal.core.models import Notification, Organisation, StaffProfile
from portal.disclosure import annual, annual_docs
from portal.disclosure.annual import AnnualReport
from portal.disclosure.requests import DisclosureRequest
from tests import factories

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def case(org, n, kind, received, replied=None, outcome=""):
    return DisclosureRequest.objects.create(
        tracking_number=f"YSANNUAL{n:04d}",
        organisation=org,
        applicant_type=kind,
        name="申请人",
        description="某信息",
        submitted_at=datetime.combine(received, datetime.min.time(), tzinfo=SH),
        received_on=received,
        replied_on=replied,
        replied_at=datetime.combine(replied, datetime.min.time(), tzinfo=SH) if replied else None,
        outcome=outcome,
        state="replied" if replied else "received",
    )


@pytest.fixture
def data(tree):
    dept2 = factories.organisation(name="区卫生健康局", slug="wsjk", parent=tree.district)
    d = date
    case(tree.dept, 1, "natural", d(2024, 12, 20), d(2025, 1, 10), "open")  # carried in, answered
    case(tree.dept, 2, "commercial", d(2024, 12, 28))  # carried in and out
    case(tree.dept, 3, "natural", d(2024, 11, 1), d(2024, 11, 20), "open")  # all in 2024
    case(tree.dept, 4, "natural", d(2025, 3, 1), d(2025, 3, 20), "withheld_secret")
    case(tree.dept, 5, "legal_service", d(2025, 5, 1), d(2025, 5, 30), "partial")
    case(tree.dept, 6, "research", d(2025, 12, 20), d(2026, 1, 5), "declined_repeat")  # carried out
    case(tree.dept, 7, "natural", d(2025, 6, 1), d(2025, 6, 15), "other_no_correction")
    case(tree.dept, 8, "welfare", d(2025, 7, 1), d(2025, 7, 20), "unavailable_not_held")
    case(dept2, 9, "other_org", d(2025, 2, 1), d(2025, 2, 10), "open")
    doc = factories.policy_document
    doc(tree.policies, owner_organisation=tree.dept, is_normative=True, written_date=d(2025, 3, 1))
    doc(
        tree.policies,
        owner_organisation=tree.dept,
        is_normative=True,
        written_date=d(2023, 5, 1),
        validity="repealed",
        validity_changed_on=d(2025, 6, 1),
    )
    doc(
        tree.policies,
        owner_organisation=tree.dept,
        is_normative=True,
        written_date=d(2024, 1, 1),
        validity="expired",
        validity_changed_on=d(2026, 2, 1),
    )
    doc(tree.policies, owner_organisation=tree.dept, written_date=d(2025, 4, 1))  # not normative
    doc(tree.policies, owner_organisation=tree.dept, is_normative=True, written_date=d(2026, 1, 10))
    doc(tree.policies, owner_organisation=dept2, is_normative=True, written_date=d(2025, 8, 1))
    tree.dept2 = dept2
    return tree


def test_department_tables_equal_the_hand_count(data):
    report = annual.generate(data.dept, 2025)
    rows = report.tables["requests"]
    assert rows["new"] == {
        "natural": 2,
        "commercial": 0,
        "research": 1,
        "welfare": 1,
        "legal_service": 1,
        "other_org": 0,
        "organisations": 3,
        "all": 5,
    }
    assert (rows["carried_in"]["natural"], rows["carried_in"]["commercial"], rows["carried_in"]["all"]) == (
        1,
        1,
        2,
    )
    assert rows["open"]["natural"] == 1 and rows["open"]["all"] == 1
    assert rows["partial"]["legal_service"] == 1
    assert rows["withheld_secret"]["natural"] == 1 and rows["withheld_total"]["all"] == 1
    assert rows["unavailable_not_held"]["welfare"] == 1 and rows["unavailable_total"]["all"] == 1
    assert rows["other_no_correction"]["natural"] == 1 and rows["other_total"]["all"] == 1
    assert rows["declined_total"]["all"] == 0  # answered in 2026
    assert rows["total"]["natural"] == 3 and rows["total"]["all"] == 5
    assert (
        rows["carried_out"]["commercial"],
        rows["carried_out"]["research"],
        rows["carried_out"]["all"],
    ) == (1, 1, 2)
    assert rows["new"]["all"] + rows["carried_in"]["all"] == rows["total"]["all"] + rows["carried_out"]["all"]
    assert report.tables["proactive"]["normative"] == {"issued": 1, "repealed": 1, "in_force": 2}
    assert report.tables["proactive"]["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}


def test_the_next_year_carries_the_open_cases_in(data):
    rows = annual.generate(data.dept, 2026).tables["requests"]
    assert rows["carried_in"]["all"] == 2 and rows["declined_repeat"]["research"] == 1


def test_district_report_aggregates_departments_and_streets(data):
    own = annual.generate(data.dept, 2025)
    own.manual = {"licensing": 12, "review_upheld": 1, "fees": 1.5}
    own.save()
    other = annual.generate(data.dept2, 2025)
    other.manual = {"licensing": 3, "review_corrected": 2}
    other.save()
    district = annual.generate(data.district, 2025)
    rows = district.tables["requests"]
    assert rows["new"]["all"] == 6 and rows["new"]["other_org"] == 1
    assert rows["open_total"]["all"] == 2 and rows["total"]["all"] == 6
    assert district.tables["proactive"]["normative"]["issued"] == 2
    values = annual.manual_values(district)
    assert values["licensing"] == 15 and values["fees"] == 1.5
    assert annual.review_total(values, "review") == 3
    review = annual_docs.review_rows(district)
    assert review[1] == ["行政复议", 1, 2, 0, 0, 3]


def test_report_rows_follow_the_2021_format(data):
    report = annual.generate(data.dept, 2025)
    rows = annual_docs.request_rows(report)
    labels = [r[0] for r in rows]
    assert labels[1].startswith("一、本年新收") and labels[2].startswith("二、上年结转")
    assert labels[-1] == "四、结转下年度继续办理" and labels[-2] == "三、（七）总计"
    assert sum(1 for label in labels if label.startswith("　")) == 8 + 3 + 5 + 3
    assert rows[0][-1] == "总计" and rows[-2][-1] == 5


def test_docx_and_pdf_open(data):
    from docx import Document

    report = annual.generate(data.dept, 2025)
    report.overview = "本年度，区教育局认真贯彻落实条例。"
    report.save()
    pdf = annual_docs.render(report, "pdf")
    assert pdf.startswith(b"%PDF")
    document = Document(io.BytesIO(annual_docs.render(report, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "区教育局2025年政府信息公开工作年度报告" in text and "本年度，区教育局" in text
    assert len(document.tables) == 4
    assert document.tables[2].cell(0, 0).text == "申请人情况"


def test_admin_list_flags_missing_reports_and_publishing_shows_the_page(client, data):
    reviewer = factories.staff_user(data.district, StaffProfile.Role.REVIEWER)
    client.force_login(reviewer)
    page = client.get(reverse("disclosure_annual_reports") + "?year=2025").content.decode()
    assert page.count("未编制") == Organisation.objects.exclude(kind="community").count()
    response = client.post(
        reverse("disclosure_annual_reports") + "?year=2025", {"organisation": data.district.pk}
    )
    report = AnnualReport.objects.get(organisation=data.district, year=2025)
    assert response.status_code == 302 and report.tables["requests"]["new"]["all"] == 6
    edit = reverse("disclosure_annual_report", args=[report.pk])
    assert "三、收到和处理政府信息公开申请情况" in client.get(edit).content.decode()
    form = {"overview": "总体情况良好。", "problems": "", "other": "", "licensing": "8", "review_upheld": "1"}
    assert client.post(edit, form | {"action": "publish"}).status_code == 302
    report.refresh_from_db()
    assert report.published and report.manual["licensing"] == 8
    client.logout()
    base = f"{data.platform.url}{data.district.slug}/nianbao/"
    listing = client.get(base).content.decode()
    assert "示范区人民政府2025年政府信息公开工作年度报告" in listing
    public = client.get(f"{base}2025/")
    assert public.status_code == 200 and "总体情况良好。" in public.content.decode()
    assert client.get(f"{base}2025/pdf/").content.startswith(b"%PDF")
    assert client.get(f"{base}2024/").status_code == 404
    assert client.get(f"{base}2025/odt/").status_code == 404
    assert (
        client.get(reverse("disclosure_annual_report_download", args=[report.pk, "pdf"])).status_code != 200
    )


def test_department_staff_see_only_their_own_report(client, data):
    editor = factories.staff_user(data.dept, StaffProfile.Role.EDITOR)
    other = annual.generate(data.dept2, 2025)
    client.force_login(editor)
    assert client.get(reverse("disclosure_annual_report", args=[other.pk])).status_code == 403
    own = annual.generate(data.dept, 2025)
    response = client.post(
        reverse("disclosure_annual_report", args=[own.pk]),
        {"overview": "x", "problems": "", "other": "", "action": "publish"},
    )
    own.refresh_from_db()
    assert response.status_code == 200 and not own.published  # an editor may not publish
    docx = client.get(reverse("disclosure_annual_report_download", args=[own.pk, "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    client.post(reverse("disclosure_annual_report", args=[own.pk]), {"action": "regenerate"})


def test_reminders_before_31_january_and_31_march(data):
    dept_editor = factories.staff_user(data.dept, StaffProfile.Role.EDITOR)
    district_lead = factories.staff_user(data.district, StaffProfile.Role.LEAD)
    assert annual.remind_reports(date(2026, 1, 5)) == 0  # more than 10 working days before
    assert annual.remind_reports(date(2026, 1, 19)) == 1  # the department; the district not yet
    assert Notification.objects.filter(user=dept_editor, kind=annual.REMINDER_KIND).count() == 1
    assert annual.remind_reports(date(2026, 1, 20)) == 0  # once
    assert annual.remind_reports(date(2026, 3, 18)) == 1  # the district, before 31 March
    assert Notification.objects.filter(user=district_lead, kind=annual.REMINDER_KIND).exists()
    assert annual.due_date(data.street, 2025) == date(2026, 1, 31)
