"""Review before publish: routing to the owning organisation, no direct publishing, live page kept."""

from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from portal.core.models import Notification
from portal.editorial.clocks import pending_items
from portal.editorial.models import CheckReport, ContentCheckTask, OrganisationReviewTask
from portal.editorial.services import CHINESE_WORKFLOW, ENGLISH_WORKFLOW, install_default_workflows
from portal.editorial.transitions import submit_for_review
from tests import factories

from .conftest import draft_article


def approve_current(page, user, comment=""):
    state = page.current_workflow_task_state.specific
    state.task.specific.on_action(state, user, "approve", comment=comment)
    page.refresh_from_db()


def test_workflows_are_installed_once_with_their_steps(district):
    install_default_workflows([district.home])
    workflow = district.edu_column.get_workflow()
    assert workflow.name == CHINESE_WORKFLOW
    assert [t.name for t in workflow.tasks] == ["内容检查", "部门审核", "保密审查"]
    assert isinstance(workflow.tasks.first().specific, ContentCheckTask)
    assert OrganisationReviewTask.objects.count() == 5  # 部门审核 保密审查 初审 复审 终审


def test_english_site_gets_three_step_review(district):
    english_home = factories.home_page("en")
    install_default_workflows([district.home, english_home])
    column = factories.column(parent=english_home, owner_organisation=district.education)
    assert column.get_workflow().name == ENGLISH_WORKFLOW
    assert [t.name for t in column.get_workflow().tasks] == ["内容检查", "初审", "复审", "终审"]


def test_editor_cannot_publish_directly(client, district):
    page = draft_article(district.edu_column)
    assert not page.permissions_for_user(district.editor).can_publish()
    assert not page.permissions_for_user(district.reviewer).can_publish()
    client.force_login(district.editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(edit_url)
    assert form.status_code == 200
    assert b"action-publish" not in form.content
    data = {
        "title": "试图直接发布",
        "slug": page.slug,
        "action-publish": "publish",
        "body-count": "0",
    }
    client.post(edit_url, data)
    page.refresh_from_db()
    assert not page.live


def test_submission_runs_check_then_waits_for_own_department(district, django_capture_on_commit_callbacks):
    page = draft_article(district.edu_column, title="教育局工作动态")
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(page, district.editor)
    page.refresh_from_db()
    assert page.current_workflow_task.name == "部门审核"
    report = CheckReport.objects.get(page_id=page.pk)
    assert report.passed
    assert PageLogEntry.objects.filter(page=page, action="editorial.content_check").exists()
    told = set(Notification.objects.filter(kind="submitted").values_list("user__username", flat=True))
    assert told == {"edu_reviewer", "edu_lead"}
    assert {m.to[0] for m in mail.outbox} >= {"edu_reviewer@example.gov.cn"}

    own = TaskState.objects.reviewable_by(district.reviewer)
    other = TaskState.objects.reviewable_by(district.other_reviewer)
    assert list(own) == [page.current_workflow_task_state]
    assert not other.exists()
    task = page.current_workflow_task.specific
    assert task.get_actions(page, district.other_reviewer) == []
    assert task.get_actions(page, district.editor) == []
    assert [a[0] for a in task.get_actions(page, district.reviewer)][:2] == ["reject", "approve"]
    assert task.locked_for_user(page, district.editor)
    assert not task.locked_for_user(page, district.reviewer)


def test_other_department_reviewer_cannot_open_or_act(client, district):
    page = draft_article(district.edu_column)
    submit_for_review(page, district.editor)
    page.refresh_from_db()
    state = page.current_workflow_task_state
    client.force_login(district.other_reviewer)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code in (302, 403)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    response = client.post(url, {})
    assert response.status_code in (302, 403)  # Wagtail answers PermissionDenied with a redirect
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    page_title = page.title.encode()
    assert page_title not in client.get(reverse("wagtailadmin_home")).content
    client.force_login(district.reviewer)
    assert page_title in client.get(reverse("wagtailadmin_home")).content  # 待我审核


def test_full_review_publishes_and_records_the_publisher(client, district):
    page = draft_article(district.edu_column)
    submit_for_review(page, district.editor)
    page.refresh_from_db()
    client.force_login(district.reviewer)
    state = page.current_workflow_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]), {})
    page.refresh_from_db()
    assert page.current_workflow_task.name == "保密审查"
    # 保密审查 is for the organisation's lead only.
    assert page.current_workflow_task.specific.get_actions(page, district.reviewer) == []
    approve_current(page, district.lead, "同意发布")
    assert page.live
    publish = PageLogEntry.objects.get(page=page, action="wagtail.publish")
    assert publish.user == district.lead


def test_live_page_unchanged_while_new_revision_in_review(district):
    page = draft_article(district.edu_column, title="原标题")
    page.save_revision().publish()
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    draft.title = "修改后的标题"
    draft.save_revision(user=district.editor)
    submit_for_review(page, district.editor)
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert page.title == "原标题" and page.live
    assert page.live_revision.as_object().title == "原标题"
    approve_current(page, district.reviewer)
    approve_current(page, district.lead)
    assert page.title == "修改后的标题"


def test_confidentiality_marker_rejects_with_the_finding(district):
    page = draft_article(district.edu_column, body=[("paragraph", "<p>本通知为内部资料，不得外传。</p>")])
    state = submit_for_review(page, district.editor)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state = state.current_task_state
    assert task_state.status == TaskState.STATUS_REJECTED
    assert "内部资料" in task_state.comment and "不得外传" in task_state.comment
    report = CheckReport.objects.get(task_state=task_state)
    assert report.block_count == 2
    back = Notification.objects.get(kind="rejected")
    assert back.user == district.editor and "内容检查" in back.message
    assert {f["rule"] for f in report.findings} == {"confidential"}
    page.refresh_from_db()
    assert not page.live


def test_legal_phrase_with_marker_word_is_allowed(district):
    page = draft_article(district.edu_column, body=[("paragraph", "<p>全体干部要保守国家秘密。</p>")])
    submit_for_review(page, district.editor)
    page.refresh_from_db()
    assert page.current_workflow_task.name == "部门审核"


def test_warning_needs_a_written_reason_to_pass(client, district):
    page = draft_article(district.edu_column, body=[("paragraph", "<p>其它事项另行通知。</p>")])
    submit_for_review(page, district.editor)
    page.refresh_from_db()
    state = page.current_workflow_task_state
    assert page.current_workflow_task.name == "内容检查"
    assert state.status == TaskState.STATUS_IN_PROGRESS
    waiting = pending_items(district.education)
    assert [(i.page.pk, i.step) for i in waiting] == [(page.pk, "内容检查")]
    client.force_login(district.reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "override", state.pk])
    client.post(url, {"comment": ""})
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert not PageLogEntry.objects.filter(page=page, action="editorial.check_override").exists()

    client.post(url, {"comment": "引用原文件表述，保持原样"})
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    entry = PageLogEntry.objects.get(page=page, action="editorial.check_override")
    assert entry.user == district.reviewer
    assert entry.data["reason"] == "引用原文件表述，保持原样"
    assert any("其它" in m for m in entry.data["findings"])
    page.refresh_from_db()
    assert page.current_workflow_task.name == "部门审核"
    assert [i.step for i in pending_items(district.education)] == ["部门审核"]


def test_other_department_cannot_override_warnings(district):
    page = draft_article(district.edu_column, body=[("paragraph", "<p>其它事项另行通知。</p>")])
    submit_for_review(page, district.editor)
    page.refresh_from_db()
    assert page.current_workflow_task.specific.get_actions(page, district.other_reviewer) == []


def test_resubmission_after_rejection_is_checked_again(district):
    page = draft_article(district.edu_column, body=[("paragraph", "<p>机密文件。</p>")])
    state = submit_for_review(page, district.editor)
    draft = page.get_latest_revision_as_object()
    draft.body = [("paragraph", "<p>公开文件。</p>")]
    draft.save_revision(user=district.editor)
    state.refresh_from_db()
    state.resume(user=district.editor)
    page.refresh_from_db()
    assert page.current_workflow_task.name == "部门审核"


def test_content_edited_during_review_is_checked_before_approval(district):
    page = draft_article(district.edu_column)
    submit_for_review(page, district.editor)
    draft = page.get_latest_revision_as_object()
    draft.body = [("paragraph", "<p>绝密★启用前</p>")]
    draft.save_revision(user=district.reviewer)
    page.refresh_from_db()
    state = page.current_workflow_task_state
    approve_current(page, district.reviewer)
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_REJECTED and "绝密" in state.comment
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not page.live


def test_step_without_anyone_in_the_role_goes_to_the_parent_organisation(district):
    from portal.core.models import StaffProfile

    district.lead.staff_profile.delete()  # the education bureau has no 负责人 now
    district_lead = factories.staff_user(
        district.education.parent, StaffProfile.Role.LEAD, username="district_lead"
    )
    health_lead = factories.staff_user(district.health, StaffProfile.Role.LEAD, username="health_lead")
    page = draft_article(district.edu_column)
    submit_for_review(page, district.editor)
    approve_current(page, district.reviewer)
    task = page.current_workflow_task.specific
    assert task.name == "保密审查"
    assert task.get_actions(page, district.reviewer) == []
    assert task.get_actions(page, health_lead) == []
    assert task.get_actions(page, district_lead)
    assert list(TaskState.objects.reviewable_by(district_lead)) == [page.current_workflow_task_state]
    assert not TaskState.objects.reviewable_by(health_lead).exists()
    assert pending_items(district.education.parent)[0].page.pk == page.pk
    approve_current(page, district_lead)
    assert page.live


def test_workflow_diagram_is_generated_from_the_installed_workflows(district):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("editorial_diagram", stdout=out)
    text = out.getvalue()
    assert "stateDiagram-v2" in text and "部门审核（本机构审核人员，16 工作小时）" in text
    assert "保密审查（本机构负责人" in text and "终审" in text


def test_three_step_review_needs_different_people_where_there_are(district):
    from portal.core.models import StaffProfile

    english_home = factories.home_page("en")
    install_default_workflows([district.home, english_home])
    column = factories.column(parent=english_home, owner_organisation=district.education)
    second = factories.staff_user(district.education, StaffProfile.Role.REVIEWER, username="edu_reviewer2")
    page = draft_article(column, title="Winter school safety")
    submit_for_review(page, district.editor)
    approve_current(page, district.reviewer)  # 初审
    task = page.current_workflow_task.specific
    assert task.name == "复审"
    assert task.get_actions(page, district.reviewer) == []
    assert page.current_workflow_task_state not in TaskState.objects.reviewable_by(district.reviewer)
    assert task.get_actions(page, second)
    approve_current(page, second)  # 复审
    approve_current(page, district.lead)  # 终审
    assert page.live


def test_one_person_never_takes_two_steps_unless_allowed_for_the_organisation(district):
    from portal.editorial.models import ReviewRouting

    page = draft_article(district.edu_column)
    submit_for_review(page, district.editor)
    approve_current(page, district.lead)  # 部门审核 by the lead (a reviewer too)
    task = page.current_workflow_task.specific
    assert task.name == "保密审查"
    assert task.get_actions(page, district.lead) == []  # 三审分离: not the same person again
    refusal = task.refusal_for(page, district.lead)
    assert "示范区人民政府" in refusal or "兜底审核机构" in refusal

    # An administrator allows it for this organisation (it really has one lead only).
    routing = ReviewRouting.load()
    routing.same_reviewer_allowed.add(district.education)
    routing.save()
    assert task.get_actions(page, district.lead)
    approve_current(page, district.lead)
    assert page.live


def test_step_climbs_to_the_parent_lead_when_the_only_lead_already_reviewed(district):
    from portal.core.models import StaffProfile

    parent_lead = factories.staff_user(district.education.parent, StaffProfile.Role.LEAD, username="gov_lead")
    page = draft_article(district.edu_column)
    submit_for_review(page, district.editor)
    approve_current(page, district.lead)
    task = page.current_workflow_task.specific
    assert task.get_actions(page, parent_lead) and not task.get_actions(page, district.lead)
    approve_current(page, parent_lead)
    assert page.live


def test_nobody_in_the_tree_routes_to_the_fallback_office_and_tells_administrators(
    client, district, django_user_model
):
    from portal.core.models import Notification, StaffProfile
    from portal.editorial.models import ReviewRouting

    admin = django_user_model.objects.create_superuser("webmaster", "webmaster@example.gov.cn", "x")
    office = factories.organisation(name="区政府办公室")
    office_reviewer = factories.staff_user(office, StaffProfile.Role.REVIEWER, username="office_reviewer")
    empty = factories.organisation(name="区政务服务数据管理局")
    column = factories.column(parent=district.home, title="数据开放", owner_organisation=empty)
    routing = ReviewRouting.load()
    routing.fallback_organisation = office
    routing.save()

    page = draft_article(column)
    submit_for_review(page, district.editor)
    task = page.current_workflow_task.specific
    assert task.name == "部门审核" and task.get_actions(page, office_reviewer)
    flagged = Notification.objects.get(user=admin, kind="editorial.fallback")
    assert "区政务服务数据管理局" in flagged.message and "区政府办公室" in flagged.message
    # The office's reviewer reaches the page's review screens although the column is not theirs.
    client.force_login(office_reviewer)
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    assert client.get(url).status_code != 403
    assert client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])).status_code != 403
    client.force_login(district.other_reviewer)
    assert client.get(url).status_code == 403
