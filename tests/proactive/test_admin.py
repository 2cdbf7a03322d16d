"""The staff screens: import with its report, masked lists and the audited reveal, runs with
progress, the explanation and the what-if; each refused without its permission."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.proactive.imports import import_dataset
from portal.proactive.models import MatchRun, Record

from .conftest import huji_csv, people_rows
from .helpers import id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.gov.cn", "x"))
    return client


@pytest.fixture
def loaded(huji, claims, benefit):
    import_dataset(huji, huji_csv(people_rows()), "huji.csv")
    return benefit


def test_import_screen_reports_rows_and_imports(admin, huji):
    url = reverse("proactive_admin_import")
    assert "校验并导入" in admin.get(url).content.decode()
    rows = people_rows()
    rows[0] = ("123",) + rows[0][1:]
    bad = admin.post(url, {"dataset": huji.pk, "file": SimpleUploadedFile("h.csv", huji_csv(rows))})
    text = bad.content.decode()
    assert "未导入任何数据" in text and "身份证号无效" in text and not Record.objects.exists()
    good = admin.post(url, {"dataset": huji.pk, "file": SimpleUploadedFile("h.csv", huji_csv(people_rows()))})
    assert "已导入 6 行" in good.content.decode()
    assert "已导入的版本" in admin.get(url).content.decode()
    forged = admin.post(url, {"dataset": huji.pk, "file": SimpleUploadedFile("h.xlsx", b"plain text")})
    assert "扩展名不符" in forged.content.decode()


def test_lists_are_masked_and_a_reveal_is_audited(admin, loaded, huji):
    clear = id_number("19460301", 1)
    page = admin.get(reverse("proactive_admin_version", args=[huji.current_version.pk])).content.decode()
    assert clear not in page and clear[:6] + "********" + clear[-4:] in page and "张*明" in page
    record = Record.objects.get(row_number=2)
    url = reverse("proactive_admin_record", args=[record.pk])
    detail = admin.get(url).content.decode()
    assert clear not in detail and "13800000001" not in detail and "138****0001" in detail
    refused = admin.post(url, {"reveal": "id_number", "purpose": ""}).content.decode()
    assert clear not in refused
    shown = admin.post(url, {"reveal": "id_number", "purpose": "电话回访核实"}).content.decode()
    assert clear in shown
    from portal.core.audit import audit_entries

    assert [e.comment for e in audit_entries() if e.action == "core.personal_data.view"] == ["电话回访核实"]


def test_runs_screen_starts_a_run_and_shows_results(admin, loaded, django_capture_on_commit_callbacks):
    url = reverse("proactive_admin_runs")
    assert "还没有匹配批次" in admin.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(url, {"run_date": "2026-03-15", "benefit": ""})
    run = MatchRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "proactive_admin_run", args=[run.pk]
    )
    text = admin.get(response["Location"]).content.decode()
    assert "应享未享 3 人" in text and "东街道" in text and "http-equiv" not in text
    assert "100%" in admin.get(url).content.decode()
    result = run.results.get()
    contacted = admin.post(response["Location"], {"contact": result.pk})
    assert contacted.status_code == 302 and result.outreach.count() == 3
    assert "已告知 3" in admin.get(response["Location"]).content.decode()
    queued = MatchRun.objects.create(run_date=date(2026, 3, 15))
    assert "http-equiv" in admin.get(reverse("proactive_admin_run", args=[queued.pk])).content.decode()


def test_explain_and_what_if_screens(admin, loaded):
    clear = id_number("19460302", 2)
    text = admin.post(
        reverse("proactive_admin_explain"),
        {"benefit": loaded.pk, "id_number": clear, "run_date": "2026-03-15"},
    ).content.decode()
    assert "不符合条件" in text and "✘ 不符合：年满80周岁（按当月1日计算）" in text
    from portal.core.audit import audit_entries

    explain_entries = [e for e in audit_entries() if e.action == "proactive.person.explain"]
    assert len(explain_entries) == 1
    url = reverse("proactive_admin_what_if")
    assert admin.get(url + f"?benefit={loaded.pk}").status_code == 200
    rows = admin.post(
        url,
        {
            "benefit": loaded.pk,
            "rule_text": "age_on(huji.birth_date, first_of_month) >= 75",
            "run_date": "2026-03-15",
        },
    ).content.decode()
    assert "年满75周岁" in rows and "合计" in rows
    bad = admin.post(
        url, {"benefit": loaded.pk, "rule_text": "huji.x > 1", "run_date": "2026-03-15"}
    ).content.decode()
    assert "不存在" in bad and "huji.x &gt; 1" in bad


def test_screens_refuse_staff_without_permission(client, django_user_model, loaded, huji):
    client.force_login(django_user_model.objects.create_user("clerk", password="x", is_staff=True))
    for name, args in [
        ("proactive_admin_import", []),
        ("proactive_admin_version", [huji.current_version.pk]),
        ("proactive_admin_record", [Record.objects.first().pk]),
        ("proactive_admin_runs", []),
        ("proactive_admin_explain", []),
        ("proactive_admin_what_if", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code in (302, 403), name


def test_snippet_screens_render(admin, loaded):
    assert admin.get(reverse("wagtailsnippets_proactive_benefit:edit", args=[loaded.pk])).status_code == 200
    assert admin.get(reverse("wagtailsnippets_proactive_dataset:list")).status_code == 200
    listing = admin.get(reverse("wagtailsnippets_proactive_benefit:list")).content.decode()
    assert "年满80周岁（按当月1日计算）" in listing
