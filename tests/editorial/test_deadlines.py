"""Review deadlines in working hours: reminder, escalation, 调休, calendar changes, dashboard."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageLogEntry

from portal.core.deadlines import process_due, recompute
from portal.core.models import Deadline, Notification, WorkdayOverride
from portal.core.tasks import deadlines_tick
from portal.editorial.clocks import CLOCK, pending_items, step_deadline
from portal.editorial.transitions import submit_for_review

from .conftest import draft_article

SH = ZoneInfo("Asia/Shanghai")


def started_at(district, when):
    page = draft_article(district.edu_column, title="春节前的稿件")
    submit_for_review(page, district.editor)
    deadline = step_deadline(page.current_workflow_task_state)
    deadline.started_at = when
    deadline.save(update_fields=["started_at"])
    return page, recompute(deadline)


def test_deadline_counts_the_make_up_saturday(district):
    # Friday 13 Feb 2026 10:00 + 16 working hours (部门审核): 7 h on Friday, 8 h on Saturday
    # 14 Feb (调休 working day), 1 h after the Spring Festival holiday → Tuesday 24 Feb 10:00.
    _page, deadline = started_at(district, datetime(2026, 2, 13, 10, 0, tzinfo=SH))
    assert deadline.organisation == district.education
    assert deadline.due_at == datetime(2026, 2, 24, 10, 0, tzinfo=SH)
    # Escalation 8 working hours later: Wednesday 25 Feb 10:00.
    assert deadline.escalate_at == datetime(2026, 2, 25, 10, 0, tzinfo=SH)
    assert not deadline.provisional


def test_reminder_then_escalation_fire_at_their_working_time(district, django_capture_on_commit_callbacks):
    page, deadline = started_at(district, datetime(2026, 2, 13, 10, 0, tzinfo=SH))
    mail.outbox.clear()

    assert process_due(datetime(2026, 2, 24, 9, 59, tzinfo=SH)).reminded == 0

    with django_capture_on_commit_callbacks(execute=True):
        result = process_due(datetime(2026, 2, 24, 10, 0, tzinfo=SH))
    assert (result.reminded, result.escalated) == (1, 0)
    reminded = set(Notification.objects.filter(kind="reminder").values_list("user__username", flat=True))
    assert reminded == {"edu_reviewer", "edu_lead"}  # the education bureau's reviewers, no one else
    assert {m.to[0] for m in mail.outbox} == {"edu_reviewer@example.gov.cn", "edu_lead@example.gov.cn"}
    assert PageLogEntry.objects.filter(page=page, action="editorial.reminder").count() == 1

    assert process_due(datetime(2026, 2, 25, 9, 59, tzinfo=SH)).escalated == 0  # reminder not repeated
    result = process_due(datetime(2026, 2, 25, 10, 0, tzinfo=SH))
    assert (result.reminded, result.escalated) == (0, 1)
    escalated = Notification.objects.get(kind="escalation")
    assert escalated.user == district.lead
    assert "督办" in escalated.message
    assert PageLogEntry.objects.filter(page=page, action="editorial.escalation").exists()


def test_escalation_goes_to_parent_organisation_without_a_lead(district):
    from portal.core.models import StaffProfile
    from tests import factories

    district_lead = factories.staff_user(
        district.education.parent, StaffProfile.Role.LEAD, username="district_lead"
    )
    district.lead.staff_profile.delete()
    _page, _deadline = started_at(district, datetime(2026, 3, 2, 9, 0, tzinfo=SH))
    process_due(datetime(2026, 3, 31, 9, 0, tzinfo=SH))
    assert Notification.objects.get(kind="escalation").user == district_lead


def test_approved_step_closes_its_deadline_and_opens_the_next(district):
    page, _deadline = started_at(district, datetime(2026, 3, 2, 9, 0, tzinfo=SH))
    state = page.current_workflow_task_state
    state.task.specific.on_action(state.specific, district.reviewer, "approve", comment="")
    closed = step_deadline(state)
    assert closed.closed_at is not None
    assert Deadline.objects.filter(clock=CLOCK, closed_at__isnull=True).count() == 1  # 保密审查
    assert process_due(datetime(2027, 6, 1, 9, 0, tzinfo=SH)).reminded == 1  # step started now


def test_calendar_change_recomputes_open_deadlines(district, django_capture_on_commit_callbacks):
    _page, deadline = started_at(district, datetime(2026, 2, 13, 10, 0, tzinfo=SH))
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=date(2026, 2, 24), is_working_day=False, name="临时调整")
    deadline.refresh_from_db()
    assert deadline.due_at == datetime(2026, 2, 25, 10, 0, tzinfo=SH)


def test_deadline_in_a_year_without_calendar_is_provisional(district):
    _page, deadline = started_at(district, datetime(2026, 12, 31, 17, 0, tzinfo=SH))
    assert deadline.provisional
    # 2027 is not in chinese-calendar: Mon–Fri (1 January too, until 元旦 is loaded) → 1 + 8 + 7 h.
    assert deadline.due_at == datetime(2027, 1, 4, 17, 0, tzinfo=SH)


def test_tick_command_task_and_dashboard(client, district):
    page, _deadline = started_at(district, datetime(2026, 3, 2, 9, 0, tzinfo=SH))
    call_command("editorial_tick")
    assert Notification.objects.filter(kind="reminder").exists()
    assert deadlines_tick.call()["reminded"] == 0  # already reminded
    items = pending_items(district.education)
    assert [i.page.pk for i in items] == [page.pk] and items[0].overdue
    assert pending_items(district.health) == []

    client.force_login(district.lead)
    response = client.get(reverse("editorial_pending"))
    assert response.status_code == 200
    assert page.title in response.content.decode()
    assert "示范区教育局" in response.content.decode()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "已超过办理期限" in home  # the reminder in the admin

    client.force_login(district.other_reviewer)
    assert page.title not in client.get(reverse("editorial_pending")).content.decode()


def test_tick_is_scheduled_with_the_worker():
    from portal.core import periodic

    assert any(job.name.endswith("deadlines_tick") for job in periodic.jobs())


def test_notification_is_marked_read_when_opened(client, district):
    page, _deadline = started_at(district, datetime(2026, 3, 2, 9, 0, tzinfo=SH))
    process_due(datetime(2026, 3, 31, 9, 0, tzinfo=SH))
    note = Notification.objects.get(user=district.reviewer, kind="reminder")
    client.force_login(district.reviewer)
    response = client.get(reverse("core_notification", args=[note.pk]))
    assert response.status_code == 302 and response["Location"].endswith(f"/pages/{page.pk}/edit/")
    note.refresh_from_db()
    assert note.read_at is not None
    client.force_login(district.lead)
    assert client.get(reverse("core_notification", args=[note.pk])).status_code == 404
