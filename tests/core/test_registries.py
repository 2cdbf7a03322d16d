"""A new app plugs into the intake, the content check and the home page through its own
``contributions.py`` (tests/core/caseapp), with no other app changed."""

import json

import pytest
from django.urls import reverse

from portal.editorial.checks import rules, run_checks
from portal.editorial.models import IntakeClient, IntakeToken
from portal.pages.home_sections import sections
from tests import factories
from tests.core.caseapp.models import NoticePage


@pytest.fixture
def column(home):
    owner = factories.organisation(name="区应急管理局")
    return factories.column(parent=home, title="通告", slug="tg", owner_organisation=owner)


def test_the_app_registers_an_intake_kind(client, column):
    from portal.editorial.services import install_default_workflows

    install_default_workflows([column.get_parent()])
    caller = IntakeClient.objects.create(name="应急OA", organisation=column.owner_organisation)
    _token, raw = IntakeToken.issue(caller)
    payload = {
        "external_id": "YJ-1",
        "kind": "notice",
        "title": "关于寒潮天气防范的通告",
        "body": "<p>请做好防寒准备。</p>",
        "column": "/tg/",
        "notice_no": "示通〔2026〕3号",
        "date": "2026-12-01",
    }
    response = client.post(
        "/api/editorial/documents/",
        json.dumps(payload, ensure_ascii=False),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {raw}",
    )
    assert response.status_code == 201, response.content
    notice = NoticePage.objects.get().get_latest_revision_as_object()
    assert notice.notice_no == "示通〔2026〕3号" and notice.date.date().isoformat() == "2026-12-01"
    spec = client.get(reverse("editorial_api:openapi")).json()["components"]["schemas"]["Document"]
    assert "notice" in spec["properties"]["kind"]["enum"]
    assert spec["properties"]["notice_no"]["description"].startswith("（notice）")


def test_the_app_registers_a_content_check_for_its_page_type(column):
    assert rules()["notice_number"][1] == "通告编号"
    notice = column.add_child(instance=NoticePage(title="通告一", notice_no="第3号", body="<p>正文</p>"))
    findings = run_checks(notice)
    assert [f.rule for f in findings if f.rule == "notice_number"] == ["notice_number"]
    article = factories.article(parent=column)
    assert not [f for f in run_checks(article) if f.rule == "notice_number"]  # its own page type only


def test_the_app_registers_a_home_section(client, column):
    assert "caseapp.notices" in sections
    before = client.get("/").content.decode()
    assert 'data-section="caseapp"' not in before  # nothing to show yet: the section stays out
    column.add_child(instance=NoticePage(title="关于寒潮天气防范的通告", notice_no="示通〔2026〕3号"))
    html = client.get("/").content.decode()
    assert 'data-section="caseapp"' in html and "关于寒潮天气防范的通告（示通〔2026〕3号）" in html
    assert html.index("通知公告") < html.index('data-section="caseapp"')  # ordered after pages' panel


def test_column_types_are_only_those_an_installed_app_declares(db):
    from portal.pages.column_tree import known_type
    from portal.pages.column_types import column_type_choices

    keys = {key for key, _label in column_type_choices()}
    assert {"news", "notice", "topic", "general", "policy", "disclosure", "service", "interpretation"} <= keys
    assert not keys & {"interaction", "data"}  # no app declares these
    assert known_type("interaction") == "general" and known_type("policy") == "policy"
