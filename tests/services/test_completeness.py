"""A guide lacking a key field is held at the content check until a reviewer overrides it with a
written reason (the editorial workflow's override, logged)."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState

from portal.core.models import StaffProfile
from portal.editorial.checks import run_checks
from portal.editorial.services import install_default_workflows
from portal.editorial.transitions import submit_for_review
from tests import factories

from .conftest import guide

pytestmark = pytest.mark.django_db


def test_check_reports_missing_key_fields(hall):
    item = guide(hall.column, "残缺事项", "QX-001", hall.market, complete=False, live=False)
    finding = next(f for f in run_checks(item) if f.rule == "service_key_field")
    assert not finding.blocking
    assert "设定依据" in finding.message and "办理流程" in finding.message
    assert not [f for f in run_checks(hall.licence) if f.rule == "service_key_field"]


def test_incomplete_guide_waits_until_overridden_with_a_reason(client, hall):
    install_default_workflows([hall.home])
    editor = factories.staff_user(hall.market, StaffProfile.Role.EDITOR, username="scjg_editor")
    reviewer = factories.staff_user(hall.market, StaffProfile.Role.REVIEWER, username="scjg_reviewer")
    item = guide(hall.column, "残缺事项", "QX-001", hall.market, complete=False, live=False)
    item.save_revision()
    submit_for_review(item, editor)
    item.refresh_from_db()
    state = item.current_workflow_task_state
    assert item.current_workflow_task.name == "内容检查"
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert not item.live

    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=[item.pk, "override", state.pk])
    client.post(url, {"comment": ""})
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS

    client.post(url, {"comment": "事项暂停办理，仅公示名称"})
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    entry = PageLogEntry.objects.get(page=item, action="editorial.check_override")
    assert entry.data["reason"] == "事项暂停办理，仅公示名称"
    assert any("设定依据" in m for m in entry.data["findings"])


def test_completeness_screen_in_the_admin(client, hall, django_user_model):
    guide(hall.column, "残缺事项", "QX-001", hall.commerce, complete=False)
    admin = django_user_model.objects.create_superuser("admin", "a@example.gov.cn", "x")
    client.force_login(admin)
    html = client.get(reverse("services_admin_completeness")).content.decode()
    assert "办事指南完整性检查" in html and "示范区商务局" in html and "残缺事项" in html
    assert "未触发单项否决" in html
    html = client.get(reverse("services_admin_flow", args=[hall.flow.pk])).content.decode()
    assert "<svg" in html and "经营面积" in html and "全部 4 条路径" in html
