"""Core mechanisms with a non-page domain object (tests/core/caseapp): audit, notifications,
deadlines, state machines, public submissions and personal data."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from portal.core import audit
from portal.core.deadlines import deadlines_for, open_deadline, pause, process_due, resume
from portal.core.models import Notification, StaffProfile, WorkdayOverride
from portal.core.notify import notify
from portal.core.personal_data import blind_index, mask, reveal
from portal.core.states import TransitionRefused
from portal.core.submissions import SubmissionForm, accept, find
from tests import factories
from tests.core.caseapp.models import Letter, LetterMachine

SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def office(db):
    org = factories.organisation(name="区信访局")
    staff = {
        "reviewer": factories.staff_user(org, StaffProfile.Role.REVIEWER, username="xf_reviewer"),
        "lead": factories.staff_user(org, StaffProfile.Role.LEAD, username="xf_lead"),
    }
    for user in staff.values():
        user.email = f"{user.username}@example.gov.cn"
        user.save(update_fields=["email"])
    return org, staff


def letter(org, **fields):
    defaults = {"name": "张三明", "phone": "13812345678", "body": "小区路灯不亮", "organisation": org}
    obj = Letter(tracking_number=f"XJ{Letter.objects.count() + 1:08d}", **{**defaults, **fields})
    obj.save()
    return obj


# -- audit ----------------------------------------------------------------------------------


def test_a_model_transition_appears_in_the_audit_export(client, office, django_user_model):
    org, staff = office
    case = letter(org)
    LetterMachine.perform(case, "assign", user=staff["lead"])
    LetterMachine.perform(case, "answer", user=staff["reviewer"], answer="已安排维修。")
    case.refresh_from_db()
    assert case.state == "answered" and case.answer == "已安排维修。"

    entries = audit.audit_entries(instance=case)
    assert [e.action for e in entries] == ["caseapp.letter.answer", "caseapp.letter.assign"]
    assert entries[0].action_display == "答复" and entries[0].organisation == "区信访局"
    assert entries[0].object_kind == "来信" and not entries[0].is_page

    admin = django_user_model.objects.create_superuser("root", "root@example.gov.cn", "x")
    client.force_login(admin)
    body = client.get(reverse("core_audit"), {"action": "caseapp.letter", "format": "csv"})
    rows = list(csv.reader(io.StringIO(body.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["时间", "操作", "对象类型"]
    assert {r[1] for r in rows[1:]} == {"交办", "答复"}
    assert all(r[2] == "来信" and r[5] == "区信访局" for r in rows[1:])
    # The organisation's own staff see it in their trail; another organisation's do not.
    client.force_login(staff["reviewer"])
    assert "答复" in client.get(reverse("core_audit")).content.decode()
    other = factories.staff_user(factories.organisation(name="区水务局"), StaffProfile.Role.REVIEWER)
    client.force_login(other)
    assert "来信" not in client.get(reverse("core_audit"), {"format": "csv"}).content.decode("utf-8-sig")


def test_transitions_refuse_with_a_reason_and_change_nothing(office):
    org, staff = office
    case = letter(org)
    with pytest.raises(TransitionRefused, match="当前状态为“已受理”"):
        LetterMachine.perform(case, "answer", user=staff["reviewer"], answer="x")
    LetterMachine.perform(case, "assign", user=staff["lead"])
    outsider = factories.staff_user(factories.organisation(name="区水务局"), StaffProfile.Role.REVIEWER)
    assert (
        LetterMachine.failure_reason(case, "answer", outsider, answer="x")
        == "只有承办机构的工作人员可以办理。"
    )
    assert LetterMachine.failure_reason(case, "answer", staff["reviewer"]) == "请填写答复内容。"
    assert [t.verb for t in LetterMachine.available(case, staff["reviewer"])] == ["answer"]
    case.refresh_from_db()
    assert case.state == "assigned"
    assert "stateDiagram-v2" in LetterMachine.diagram() and "交办" in LetterMachine.diagram()


# -- notifications --------------------------------------------------------------------------


def test_a_notification_is_sent_only_after_commit(office, django_capture_on_commit_callbacks):
    org, staff = office
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify([staff["reviewer"]], "calendar", "请核对明年节假日安排")
        assert Notification.objects.filter(user=staff["reviewer"]).count() == 1
        assert mail.outbox == []  # stored, not sent, while the transaction is open
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [["xf_reviewer@example.gov.cn"]]
    assert Notification.objects.get(user=staff["reviewer"]).delivered_at is not None


def test_a_rolled_back_notification_is_never_sent(office, django_capture_on_commit_callbacks):
    org, staff = office
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            notify([staff["reviewer"]], "calendar", "不会发出")
            raise RuntimeError
    assert callbacks == [] and mail.outbox == []
    assert not Notification.objects.exists()


def test_a_state_transition_notifies_after_commit(office, django_capture_on_commit_callbacks):
    org, staff = office
    case = letter(org)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        LetterMachine.perform(case, "assign", user=staff["lead"])
    assert {m.to[0] for m in mail.outbox} == {"xf_reviewer@example.gov.cn", "xf_lead@example.gov.cn"}
    assert Notification.objects.filter(kind="caseapp.letter.assign").count() == 2


# -- deadlines ------------------------------------------------------------------------------


def test_a_deadline_on_a_non_page_object_reminds_escalates_and_follows_the_calendar(
    office, django_capture_on_commit_callbacks
):
    org, staff = office
    case = letter(org)
    # Received Monday 2 March 2026: 15 working days from the next day → Monday 23 March.
    deadline = open_deadline(
        "caseapp.reply", case, organisation=org, started_at=datetime(2026, 3, 2, 10, tzinfo=SH)
    )
    assert deadline.due_at.astimezone(SH).date() == date(2026, 3, 23)
    assert deadline.escalate_at.astimezone(SH).date() == date(2026, 3, 25)

    assert process_due(datetime(2026, 3, 17, 18, tzinfo=SH)).reminded == 0
    result = process_due(datetime(2026, 3, 18, 10, tzinfo=SH))  # three working days before
    assert result.count("before") == 1
    assert Notification.objects.get(kind="due_soon").user == staff["reviewer"]
    assert process_due(datetime(2026, 3, 18, 11, tzinfo=SH)).reminded == 0  # once only

    # A holiday loaded afterwards moves the open deadline (and its escalation) by a day.
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=date(2026, 3, 20), is_working_day=False, name="临时调休")
    deadline.refresh_from_db()
    assert deadline.due_at.astimezone(SH).date() == date(2026, 3, 24)
    assert deadline.escalate_at.astimezone(SH).date() == date(2026, 3, 26)

    assert process_due(datetime(2026, 3, 24, 23, tzinfo=SH)).count("due") == 0
    assert process_due(datetime(2026, 3, 25, 0, 1, tzinfo=SH)).count("due") == 1
    result = process_due(datetime(2026, 3, 27, 9, tzinfo=SH))
    assert result.escalated == 1
    assert Notification.objects.get(kind="escalation").user == staff["lead"]
    deadline.refresh_from_db()
    assert deadline.reminded_at and deadline.escalated_at


def test_a_pause_stops_the_clock_and_an_answered_case_closes_it(office):
    org, staff = office
    case = letter(org)
    deadline = open_deadline(
        "caseapp.reply", case, organisation=org, started_at=datetime(2026, 3, 2, 10, tzinfo=SH)
    )
    pause(deadline, at=datetime(2026, 3, 4, 15, tzinfo=SH))
    resume(deadline, at=datetime(2026, 3, 6, 9, tzinfo=SH))  # 5 and 6 March do not count
    assert deadline.due_at.astimezone(SH).date() == date(2026, 3, 25)
    LetterMachine.perform(case, "assign", user=staff["lead"])
    LetterMachine.perform(case, "answer", user=staff["reviewer"], answer="已办理")
    assert process_due(datetime(2026, 4, 30, tzinfo=SH)).closed == 1
    assert not deadlines_for(case, open_only=True).exists()


# -- public submissions and personal data ---------------------------------------------------


class LetterForm(SubmissionForm):
    from django import forms

    name = forms.CharField(label="姓名", max_length=50)
    phone = forms.CharField(label="联系电话", max_length=20)
    body = forms.CharField(label="内容")


def _post(data, ip="10.0.0.8"):
    request = RequestFactory().post("/letters/", data, REMOTE_ADDR=ip)
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    return request


@pytest.mark.django_db(transaction=True)
def test_a_submission_is_committed_before_its_number_is_shown(settings):
    settings.PORTAL_SUBMISSION_RATES = {"default": "2/m"}
    token = LetterForm().fields["form_token"].initial
    data = {"name": "李四", "phone": "13900001111", "body": "反映噪声扰民", "form_token": token}
    form = LetterForm(data)
    assert form.is_valid(), form.errors

    def save():
        return Letter.objects.create(
            tracking_number="TMP", **{k: form.cleaned_data[k] for k in ("name", "phone", "body")}
        )

    accepted = accept(_post(data), form, save, scope="letter")
    assert not connection.in_atomic_block
    stored = Letter.objects.get(pk=accepted.obj.pk)  # already committed: visible from here
    assert stored.tracking_number == accepted.tracking_number.upper() and stored.tracking_number.startswith(
        "XJ"
    )
    assert find(Letter, accepted.tracking_number, accepted.query_code.lower()) == stored
    assert find(Letter, accepted.tracking_number, "WRONG") is None
    assert find(Letter, "XJ000", accepted.query_code) is None

    accept(_post(data), form, save, scope="letter")
    refused = LetterForm(data)
    refused.is_valid()
    assert accept(_post(data), refused, save, scope="letter") is None
    assert "提交过于频繁" in refused.non_field_errors()[0]


def test_a_submission_form_refuses_bots_with_chinese_errors(settings):
    settings.PORTAL_SUBMISSION_MIN_SECONDS = 3
    token = LetterForm().fields["form_token"].initial
    base = {"name": "李四", "phone": "1", "body": "x"}
    honeypot = LetterForm({**base, "form_token": token, "website": "http://spam"})
    assert not honeypot.is_valid() and "校验" in honeypot.non_field_errors()[0]
    too_fast = LetterForm({**base, "form_token": token})
    assert not too_fast.is_valid() and "提交过快" in too_fast.non_field_errors()[0]
    forged = LetterForm({**base, "form_token": "x"})
    assert not forged.is_valid() and "页面已过期" in forged.non_field_errors()[0]
    assert forged.data["name"] == "李四"  # what was typed is kept


def test_personal_data_is_encrypted_masked_and_every_look_is_logged(office):
    org, staff = office
    case = letter(org, phone="13812345678", name="张三明")
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, name FROM caseapp_letter WHERE id = %s", [case.pk])
        raw_phone, raw_name = cursor.fetchone()
    assert "13812345678" not in str(raw_phone) and "张三明" not in str(raw_name)
    assert Letter.objects.get(pk=case.pk).phone == "13812345678"
    assert Letter.objects.filter(phone_index=blind_index("138 1234 5678")).get() == case
    assert mask(case.phone, "phone") == "138****5678"
    assert mask(case.name, "name") == "张*明"
    assert mask("110101199003071234", "id") == "110101********1234"
    with pytest.raises(ValueError):
        reveal(case, "phone", staff["reviewer"], "")
    assert reveal(case, "phone", staff["reviewer"], "电话回访") == "13812345678"
    entry = audit.audit_entries(instance=case, action="core.personal_data.view")[0]
    assert entry.operator.startswith("xf_reviewer") and entry.comment == "电话回访"
    assert entry.action_display == "查看个人信息"
