"""On-request disclosure: the statutory clock on the working-day calendar (2026: 中秋 25 Sep,
国庆 1–7 Oct, 调休 working days Sun 20 Sep and Sat 10 Oct), pause, extension, 补正 restart,
recompute on calendar change, reminders and escalation, the transitions' guards."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from portal.core import deadlines
from portal.core.models import Notification, StaffProfile, WorkdayOverride
from portal.core.states import TransitionRefused
from portal.disclosure.request_states import RequestMachine, open_reply_clock, reply_deadline
from portal.disclosure.requests import DisclosureRequest, outcome_label
from tests import factories

SH = ZoneInfo("Asia/Shanghai")
_seq = itertools.count(1)
pytestmark = pytest.mark.django_db


def at(y, m, d, hh=10, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=SH)


@pytest.fixture
def org(db):
    district = factories.district()
    dept = factories.organisation(name="区自然资源局", slug="zrzy", parent=district)
    people = SimpleNamespace(
        district=district,
        org=dept,
        editor=factories.staff_user(dept, StaffProfile.Role.EDITOR),
        reviewer=factories.staff_user(dept, StaffProfile.Role.REVIEWER),
        lead=factories.staff_user(dept, StaffProfile.Role.LEAD),
        district_lead=factories.staff_user(district, StaffProfile.Role.LEAD),
        other=factories.staff_user(factories.organisation(name="区教育局", parent=district)),
    )
    return people


RECEIVED = at(2026, 9, 15)


def make_case(org, received=RECEIVED, **fields) -> DisclosureRequest:
    n = next(_seq)
    values = {
        "tracking_number": f"YSTEST{n:06d}",
        "organisation": org,
        "applicant_type": "natural",
        "name": "张三丰",
        "id_number": "11010519491231002X",
        "phone": "13812345678",
        "address": "示范区政务大道 1 号 3 栋 502",
        "description": "2025 年某某地块征收补偿方案",
        "submitted_at": received,
        "received_on": received.date(),
    }
    values.update(fields)
    case = DisclosureRequest.objects.create(**values)
    open_reply_clock(case, started_at=received)
    return case


def due(case) -> date:
    return timezone.localtime(reply_deadline(case).due_at).date()


def test_twenty_working_days_from_the_day_after_receipt_across_holidays_and_make_up_days(org):
    # 16,17,18,20(调休),21,22,23,24, 28,29,30, 8,9,10(调休),12,13,14,15,16,19 Oct
    case = make_case(org.org)
    deadline = reply_deadline(case)
    assert due(case) == date(2026, 10, 19)
    assert timezone.localtime(deadline.due_at).time().isoformat() == "23:59:59"
    assert not deadline.provisional


def test_after_hours_receipt_counts_from_the_next_day_all_the_same(org):
    late = make_case(org.org, received=at(2026, 9, 15, 22, 30))
    assert due(late) == date(2026, 10, 19)


def test_extension_once_up_to_twenty_working_days_with_a_reason(org):
    case = make_case(org.org)
    with pytest.raises(TransitionRefused):
        RequestMachine.perform(case, "extend", org.editor, reason="需要调取档案", days=20)  # not a reviewer
    with pytest.raises(TransitionRefused, match="理由"):
        RequestMachine.perform(case, "extend", org.reviewer, reason="", days=20)
    with pytest.raises(TransitionRefused, match="1 至 20"):
        RequestMachine.perform(case, "extend", org.reviewer, reason="需要调取档案", days=21)
    RequestMachine.perform(case, "extend", org.reviewer, reason="需要调取档案", days=20)
    assert due(case) == date(2026, 11, 16)
    assert case.state == "received" and case.extension_days == 20
    with pytest.raises(TransitionRefused, match="只能延长一次"):
        RequestMachine.perform(case, "extend", org.reviewer, reason="再次延长", days=5)


def test_third_party_pause_does_not_count_the_days_after_it_began_up_to_the_answer(org):
    case = make_case(org.org)
    with pytest.raises(TransitionRefused, match="第三方名称"):
        RequestMachine.perform(case, "consult_third_party", org.editor, at=at(2026, 9, 17))
    RequestMachine.perform(
        case, "consult_third_party", org.editor, third_party="某某公司", at=at(2026, 9, 17)
    )
    assert case.state == "third_party" and reply_deadline(case).paused_at is not None
    third = deadlines.deadlines_for(case, "disclosure.third_party", open_only=True).get()
    # 15 working days from 17 Sep: 18,20,21,22,23,24,28,29,30,8,9,10,12,13,14 Oct
    assert timezone.localtime(third.due_at).date() == date(2026, 10, 14)
    RequestMachine.perform(case, "third_party_answered", org.editor, at=at(2026, 9, 23, 15))
    # 18, 20, 21, 22, 23 Sep are not counted: five more working days after 19 Oct
    assert case.state == "received" and due(case) == date(2026, 10, 26)
    assert not deadlines.deadlines_for(case, "disclosure.third_party", open_only=True).exists()
    assert Notification.objects.filter(
        user=org.reviewer, kind="disclosure.request.third_party_answered"
    ).exists()


def test_correction_restarts_the_clock_from_the_day_it_is_received(org):
    case = make_case(org.org)
    RequestMachine.perform(
        case, "request_correction", org.editor, reason="请写明地块名称", at=at(2026, 9, 17)
    )
    assert case.state == "correction" and reply_deadline(case).paused_at is not None
    RequestMachine.perform(case, "correct", org.editor, at=at(2026, 10, 9, 16))
    # from 10 Oct (调休): 10,12,13,14,15,16,19..23,26..30, 2,3,4,5 Nov
    assert case.state == "received" and due(case) == date(2026, 11, 5)
    assert case.corrected_on == date(2026, 10, 9)


def test_correction_must_come_within_seven_working_days_and_only_once(org):
    case = make_case(org.org)
    with pytest.raises(TransitionRefused, match="7 个工作日"):
        RequestMachine.perform(case, "request_correction", org.editor, reason="补正", at=at(2026, 9, 24))
    RequestMachine.perform(case, "request_correction", org.editor, reason="补正", at=at(2026, 9, 23))
    RequestMachine.perform(case, "correct", org.editor, at=at(2026, 9, 28))
    with pytest.raises(TransitionRefused, match="一次性"):
        RequestMachine.perform(case, "request_correction", org.editor, reason="再次补正", at=at(2026, 9, 29))


def test_a_case_never_corrected_ends_as_other_handling(org):
    case = make_case(org.org)
    RequestMachine.perform(case, "request_correction", org.editor, reason="补正", at=at(2026, 9, 16))
    with pytest.raises(TransitionRefused, match="逾期不补正"):
        RequestMachine.perform(case, "reply", org.reviewer, outcome="open", reply_text="公开")
    RequestMachine.perform(
        case, "reply", org.reviewer, outcome="other_no_correction", reply_text="逾期未补正。"
    )
    assert case.state == "replied" and case.outcome_category == "other"
    assert reply_deadline(case).closed_at is not None


def test_recompute_open_deadlines_when_the_calendar_changes(org, django_capture_on_commit_callbacks):
    case = make_case(org.org)
    closed = make_case(org.org)
    RequestMachine.perform(closed, "reply", org.reviewer, outcome="open", reply_text="予以公开")
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=date(2026, 10, 12), is_working_day=False, name="测试假日")
    assert due(case) == date(2026, 10, 20)
    assert due(closed) == date(2026, 10, 19)  # a closed clock keeps its record


def test_reminders_five_and_two_working_days_before_and_escalation_when_overdue(org):
    case = make_case(org.org)
    assert deadlines.process_due(at(2026, 10, 12, 8, 59), clock_key="disclosure.reply").reminded == 0
    result = deadlines.process_due(at(2026, 10, 12, 9, 0), clock_key="disclosure.reply")
    assert result.reminded == 1
    assert Notification.objects.filter(user=org.editor, kind="due_soon").count() == 1
    assert deadlines.process_due(at(2026, 10, 14, 9, 0), clock_key="disclosure.reply").reminded == 0
    assert deadlines.process_due(at(2026, 10, 15, 9, 0), clock_key="disclosure.reply").reminded == 1
    assert deadlines.process_due(at(2026, 10, 19, 23, 59), clock_key="disclosure.reply").escalated == 0
    assert deadlines.process_due(at(2026, 10, 20, 0, 0), clock_key="disclosure.reply").escalated == 1
    escalations = Notification.objects.filter(kind="escalation")
    assert {n.user for n in escalations} == {org.lead, org.district_lead}
    assert case.tracking_number in escalations.first().message


def test_a_replied_case_is_no_longer_reminded(org):
    case = make_case(org.org)
    RequestMachine.perform(
        case, "reply", org.reviewer, outcome="withheld_secret", reply_text="属于国家秘密。"
    )
    assert deadlines.process_due(at(2026, 10, 20, 0, 0), clock_key="disclosure.reply").escalated == 0
    RequestMachine.perform(case, "close", org.editor)
    assert case.state == "closed" and case.closed_at


def test_only_the_receiving_organisation_handles(org):
    case = make_case(org.org)
    assert RequestMachine.available(case, org.other) == []
    with pytest.raises(TransitionRefused):
        RequestMachine.perform(case, "consult_third_party", org.other, third_party="某公司")
    assert [t.verb for t in RequestMachine.available(case, org.reviewer)] == [
        "request_correction",
        "consult_third_party",
        "extend",
        "reply",
    ]
    with pytest.raises(TransitionRefused, match="办理结果"):
        RequestMachine.perform(case, "reply", org.reviewer, outcome="nonsense", reply_text="x")
    with pytest.raises(TransitionRefused, match="答复内容"):
        RequestMachine.perform(case, "reply", org.reviewer, outcome="open", reply_text=" ")


def test_outcome_labels_and_personal_data_encrypted_at_rest(org):
    from django.db import connection

    case = make_case(org.org)
    assert outcome_label("withheld_process") == "不予公开（属于四类过程性信息）"
    assert outcome_label("partial") == "部分公开"
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM disclosure_disclosurerequest WHERE id = %s", [case.pk])
        stored = cursor.fetchone()
    assert "11010519491231002X" not in str(stored) and "13812345678" not in str(stored)
    assert DisclosureRequest.objects.get(pk=case.pk).id_number == "11010519491231002X"
