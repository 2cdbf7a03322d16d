"""Scheduled publishing and expiry after review; audit trail, exports and accountability."""

import csv
import io
from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import PageLogEntry, Revision

from portal.core.audit import accountability, audit_entries, export
from portal.editorial.transitions import submit_for_review

from .conftest import draft_article


def review_through(page, district):
    for user in (district.reviewer, district.lead):
        page.refresh_from_db()
        state = page.current_workflow_task_state.specific
        state.task.specific.on_action(state, user, "approve", comment=f"{user.username} 同意")
    page.refresh_from_db()


def test_approved_page_with_future_go_live_is_published_by_the_scheduler(district):
    go_live = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    page = draft_article(district.edu_column, go_live_at=go_live, date=go_live)
    submit_for_review(page, district.editor)
    review_through(page, district)
    assert not page.live
    revision = Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    assert revision.approved_go_live_at == go_live

    call_command("editorial_tick", "--publish-scheduled")
    page.refresh_from_db()
    assert not page.live  # not yet time

    # Let the go-live time pass (in the revision's schedule and in its content).
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("editorial_tick", "--publish-scheduled")
    page.refresh_from_db()
    assert page.live


def test_expired_page_is_unpublished_by_the_scheduler(district):
    page = draft_article(district.edu_column, expire_at=timezone.now() + timedelta(days=1))
    submit_for_review(page, district.editor)
    review_through(page, district)
    assert page.live
    type(page).objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired


def test_audit_trail_names_everyone_and_exports(client, district):
    page = draft_article(district.edu_column, title="待发布稿件", body=[("paragraph", "<p>其它事项。</p>")])
    submit_for_review(page, district.editor)
    page.refresh_from_db()
    state = page.current_workflow_task_state.specific
    state.task.specific.on_action(state, district.reviewer, "override", comment="原文件用语，保持不改")
    review_through(page, district)
    assert page.live

    who = accountability(page)
    assert who.organisation == "示范区教育局"
    assert who.published_by == "edu_lead（示范区教育局）"
    assert "部门审核：edu_reviewer（示范区教育局）" in who.reviewed_by
    assert "保密审查：edu_lead（示范区教育局）" in who.reviewed_by

    actions = {e.action for e in audit_entries(page=page)}
    assert {
        "editorial.content_check",
        "editorial.check_override",
        "wagtail.workflow.approve",
        "wagtail.publish",
    } <= actions

    rows = list(csv.reader(io.StringIO(export("csv", audit_entries(page=page)).content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["时间", "操作"]
    override = next(r for r in rows if r[8] == "原文件用语，保持不改")
    assert override[6] == "edu_reviewer（示范区教育局）" and override[5] == "示范区教育局"
    assert override[2] == "页面" and override[3] == str(page.pk)
    assert any(r[6].startswith("edu_lead") and r[7] == "保密审查" for r in rows)

    sheet = load_workbook(io.BytesIO(export("xlsx", audit_entries(page=page)).content)).active
    assert sheet["A1"].value == "时间"
    assert sheet.max_row == len(rows)

    client.force_login(district.lead)
    response = client.get(reverse("core_audit"), {"page": page.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "谁发布谁负责" in body and "原文件用语，保持不改" in body
    xlsx = client.get(reverse("core_audit"), {"page": page.pk, "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    csv_response = client.get(reverse("core_audit"), {"action": "editorial.check_override", "format": "csv"})
    assert "原文件用语" in csv_response.content.decode("utf-8-sig")

    # Another organisation's staff see only their own organisation's trail.
    client.force_login(district.other_reviewer)
    other = client.get(reverse("core_audit"), {"format": "csv"}).content.decode("utf-8-sig")
    assert "待发布稿件" not in other


def test_on_demand_content_check_in_the_editor(client, district):
    page = draft_article(district.edu_column, body=[("paragraph", "<p>会议布署了工作。</p>")])
    client.force_login(district.editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    check_url = reverse("editorial_check", args=[page.pk])
    assert 'name="action-content-check"' in edit, "the editor saves what was typed, then checks it"
    explorer = client.get(reverse("wagtailadmin_explore", args=[district.edu_column.pk])).content.decode()
    assert reverse("editorial_check", args=[district.edu_column.pk]) in explorer
    response = client.get(check_url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "部署" in body and "【布署】" in body
    assert PageLogEntry.objects.filter(
        page=page, action="editorial.content_check", user=district.editor
    ).exists()
    client.force_login(district.other_reviewer)
    assert client.get(check_url).status_code in (302, 403)


def test_page_history_shows_check_and_override_reason(client, district):
    page = draft_article(district.edu_column, body=[("paragraph", "<p>其它事项。</p>")])
    submit_for_review(page, district.editor)
    page.refresh_from_db()
    state = page.current_workflow_task_state.specific
    state.task.specific.on_action(state, district.reviewer, "override", comment="引用上级文件原文")
    client.force_login(district.reviewer)
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "内容检查：阻断 0 项，提示 1 项" in history
    assert "审核人确认提示项并放行" in history and "引用上级文件原文" in history
