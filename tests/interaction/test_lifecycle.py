"""The handling of a letter: every transition with its permission, the audit trail, the reply
clock (holidays, 调休, reassignment, reopening), reminders and escalation, duplicates."""

from datetime import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.core import deadlines
from portal.core.models import Notification, WorkdayOverride
from portal.core.states import TransitionRefused
from portal.interaction import services
from portal.interaction.models import Letter
from portal.interaction.states import LetterMachine

from .conftest import SH, letter

pytestmark = pytest.mark.django_db

ACCEPTED_AT = datetime(2026, 2, 13, 10, 0, tzinfo=SH)  # Friday before 春节 2026


def _accept_and_assign(lt, district, org, at=ACCEPTED_AT):
    LetterMachine.perform(lt, "accept", district.supervisor, at=at)
    LetterMachine.perform(lt, "assign", district.supervisor, organisation=org, at=at)
    return lt


def test_the_whole_lifecycle_with_audit_who_when_why(district, depts):
    a = depts.a
    lt = _accept_and_assign(letter(), district, a.org)
    assert lt.state == "assigned" and lt.organisation == a.org
    assert Notification.objects.filter(user=a.editor, kind="interaction.letter.assign").exists()
    LetterMachine.perform(lt, "start", a.editor)
    LetterMachine.perform(lt, "draft", a.editor, reply="已协调增加50个停车位。")
    assert Notification.objects.filter(user=a.reviewer, kind="interaction.letter.draft").exists()
    LetterMachine.perform(lt, "return_draft", a.reviewer, reason="请写明完成时间")
    LetterMachine.perform(lt, "draft", a.editor, reply="已协调增加50个停车位，3月底前完成。")
    LetterMachine.perform(lt, "approve", a.reviewer)
    LetterMachine.perform(lt, "send", a.lead)
    lt.refresh_from_db()
    assert lt.state == "sent" and lt.published and lt.replied_by == a.org and lt.replied_at
    assert services.reply_deadline(lt).closed_at is not None
    LetterMachine.perform(lt, "reopen", None, reason="停车位至今未增加")
    assert lt.state == "reopened" and lt.satisfaction == "dissatisfied"
    LetterMachine.perform(lt, "start", a.editor)
    LetterMachine.perform(lt, "draft", a.editor, reply="已增加停车位。")
    LetterMachine.perform(lt, "approve", a.lead)
    LetterMachine.perform(lt, "send", a.reviewer)
    LetterMachine.perform(lt, "rate", None, satisfaction="satisfied")
    assert lt.state == "closed" and lt.closed_at

    entries = ModelLogEntry.objects.filter(object_id=str(lt.pk)).order_by("timestamp", "pk")
    actions = [e.action for e in entries]
    assert actions[:3] == [
        "interaction.letter.accept",
        "interaction.letter.assign",
        "interaction.letter.start",
    ]
    assert actions[-1] == "interaction.letter.rate"
    returned = entries.get(action="interaction.letter.return_draft")
    assert returned.user == a.reviewer and returned.data["comment"] == "请写明完成时间"
    assert returned.data["organisation_id"] == a.org.pk


def test_screening_needs_a_category_and_a_reason_and_a_duplicate_its_original(district, depts):
    original, copy = letter(), letter()
    with pytest.raises(TransitionRefused, match="理由"):
        LetterMachine.perform(copy, "screen_out", district.supervisor, screening="spam")
    with pytest.raises(TransitionRefused, match="甄别结果"):
        LetterMachine.perform(copy, "screen_out", district.supervisor, screening="x", reason="无效内容")
    with pytest.raises(TransitionRefused, match="重复"):
        LetterMachine.perform(copy, "screen_out", district.supervisor, screening="duplicate", reason="重复")
    LetterMachine.perform(
        copy,
        "screen_out",
        district.supervisor,
        screening="duplicate",
        duplicate_of=original,
        reason="同一事项",
    )
    assert copy.state == "screened_out" and copy.duplicate_of == original and copy.closed_at
    for screening in ("spam", "abusive", "out_of_scope"):
        other = letter()
        LetterMachine.perform(
            other, "screen_out", district.supervisor, screening=screening, reason="甄别理由"
        )
        assert other.get_screening_display()


@pytest.mark.parametrize(
    "verb,state,who,allowed",
    [
        ("accept", "submitted", "supervisor", True),
        ("accept", "submitted", "a.lead", False),
        ("screen_out", "submitted", "a.editor", False),
        ("assign", "accepted", "a.reviewer", False),
        ("reassign", "assigned", "a.lead", False),
        ("start", "assigned", "a.editor", True),
        ("start", "assigned", "b.editor", False),
        ("start", "assigned", "supervisor", False),
        ("draft", "handling", "b.lead", False),
        ("approve", "drafted", "a.editor", False),
        ("approve", "drafted", "b.reviewer", False),
        ("approve", "drafted", "a.reviewer", True),
        ("send", "reviewed", "a.editor", False),
        ("send", "reviewed", "a.lead", True),
        ("return_draft", "drafted", "b.lead", False),
        ("rate", "sent", "b.editor", False),
        ("reopen", "sent", "b.lead", False),
        ("close", "sent", "a.lead", False),
        ("close", "sent", "supervisor", True),
    ],
)
def test_each_transition_is_refused_to_the_wrong_people(district, depts, verb, state, who, allowed):
    lt = letter(state=state, organisation=depts.a.org if state != "submitted" else None)
    user = district.supervisor if who == "supervisor" else getattr(getattr(depts, who[0]), who[2:])
    params = {"reply": "答复", "satisfaction": "satisfied", "reason": "理由充分", "organisation": depts.b.org}
    reason = LetterMachine.failure_reason(lt, verb, user, **params)
    assert (reason is None) is allowed, reason
    assert (LetterMachine.transition(verb) in LetterMachine.available(lt, user)) is allowed


def test_the_drafter_may_not_approve_their_own_reply(district, depts):
    lt = letter(state="handling", organisation=depts.a.org)
    LetterMachine.perform(lt, "draft", depts.a.reviewer, reply="答复内容")
    with pytest.raises(TransitionRefused, match="起草人"):
        LetterMachine.perform(lt, "approve", depts.a.reviewer)
    LetterMachine.perform(lt, "approve", depts.a.lead)


def test_a_letter_cannot_skip_a_step(district, depts):
    lt = letter()
    with pytest.raises(TransitionRefused, match="当前状态"):
        LetterMachine.perform(lt, "send", depts.a.lead)
    with pytest.raises(TransitionRefused, match="承办机构"):
        LetterMachine.perform(letter(state="accepted"), "assign", district.supervisor)
    with pytest.raises(TransitionRefused, match="答复内容"):
        LetterMachine.perform(
            letter(state="handling", organisation=depts.a.org), "draft", depts.a.editor, reply=" "
        )


# -- the reply clock ------------------------------------------------------------------------------


def test_the_deadline_counts_the_make_up_saturday_and_skips_the_spring_festival(district, depts):
    # 业务咨询, 5 working days from Friday 13 Feb 2026: Sat 14 (调休), Tue 24 … Fri 27 Feb.
    lt = _accept_and_assign(letter(), district, depts.a.org)
    due = services.reply_deadline(lt).due_at
    assert timezone.localtime(due).date().isoformat() == "2026-02-27"
    # 领导信箱, 10 working days: both make-up Saturdays (14 and 28 Feb) count → Thu 5 Mar.
    mailbox = _accept_and_assign(letter("mailbox"), district, depts.a.org)
    assert timezone.localtime(services.reply_deadline(mailbox).due_at).date().isoformat() == "2026-03-05"


def test_open_deadlines_follow_a_calendar_change(district, depts, django_capture_on_commit_callbacks):
    lt = _accept_and_assign(letter(), district, depts.a.org)
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(
            date=datetime(2026, 2, 25).date(), is_working_day=False, name="临时停工"
        )
    assert timezone.localtime(services.reply_deadline(lt).due_at).date().isoformat() == "2026-02-28"


def test_a_reassignment_keeps_the_clock_running_from_acceptance(district, depts):
    lt = _accept_and_assign(letter(), district, depts.a.org)
    before = services.reply_deadline(lt)
    with pytest.raises(TransitionRefused, match="理由"):
        LetterMachine.perform(lt, "reassign", district.supervisor, organisation=depts.b.org)
    with pytest.raises(TransitionRefused, match="另一个"):
        LetterMachine.perform(
            lt, "reassign", district.supervisor, organisation=depts.a.org, reason="职责不符"
        )
    LetterMachine.perform(
        lt,
        "reassign",
        district.supervisor,
        organisation=depts.b.org,
        reason="属住建职责",
        at=datetime(2026, 2, 26, tzinfo=SH),
    )
    after = services.reply_deadline(lt)
    assert after.pk == before.pk and after.started_at == ACCEPTED_AT and after.due_at == before.due_at
    assert after.organisation == depts.b.org
    assert lt.organisation == depts.b.org and Notification.objects.filter(user=depts.b.editor).exists()
    # the first department no longer sees it
    assert LetterMachine.failure_reason(lt, "start", depts.a.editor)


def test_reopening_starts_a_new_reply_period(district, depts):
    lt = letter(state="sent", organisation=depts.a.org, accepted_at=ACCEPTED_AT)
    LetterMachine.perform(lt, "reopen", None, reason="答复未解决问题", at=datetime(2026, 3, 2, 15, tzinfo=SH))
    clock = services.reply_deadline(lt)
    assert clock.closed_at is None and timezone.localtime(clock.due_at).date().isoformat() == "2026-03-09"


def test_reminder_before_the_due_date_then_escalation_to_lead_and_supervising_office(district, depts):
    lt = _accept_and_assign(letter(), district, depts.a.org)
    # due Fri 27 Feb; reminder one working day before (Thu 26 Feb, 09:00)
    assert deadlines.process_due(datetime(2026, 2, 26, 8, 0, tzinfo=SH)).reminded == 0
    assert deadlines.process_due(datetime(2026, 2, 26, 9, 30, tzinfo=SH)).reminded == 1
    reminded = Notification.objects.filter(kind="due_soon", user=depts.a.editor).get()
    assert lt.tracking_number in reminded.message
    assert deadlines.process_due(datetime(2026, 2, 26, 10, 0, tzinfo=SH)).reminded == 0  # once
    # escalation one working day after the due date: end of Sat 28 Feb (调休)
    assert deadlines.process_due(datetime(2026, 2, 28, 12, 0, tzinfo=SH)).escalated == 0
    result = deadlines.process_due(datetime(2026, 3, 1, 0, 30, tzinfo=SH))
    assert result.escalated == 1
    escalated = set(Notification.objects.filter(kind="escalation").values_list("user", flat=True))
    assert {depts.a.lead.pk, district.supervisor.pk} <= escalated and depts.a.editor.pk not in escalated
    assert ModelLogEntry.objects.filter(object_id=str(lt.pk), action="interaction.letter.escalation").exists()


def test_an_answered_letter_is_no_longer_reminded(district, depts):
    lt = _accept_and_assign(letter(), district, depts.a.org)
    Letter.objects.filter(pk=lt.pk).update(state="closed")
    result = deadlines.process_due(datetime(2026, 2, 26, 9, 30, tzinfo=SH))
    assert result.reminded == 0 and result.closed == 1


# -- near duplicates ------------------------------------------------------------------------------


def test_a_near_duplicate_of_an_open_letter_is_suggested(district, depts):
    open_one = letter(title="幸福小区停车难", body="幸福小区晚上停车位严重不足，业主只能停在消防通道上。")
    letter(title="学校午餐质量", body="实验小学午餐分量太少，孩子吃不饱。")
    closed = letter(
        title="幸福小区停车难", body="幸福小区晚上停车位严重不足，业主只能停在消防通道上。", state="closed"
    )
    new = letter(title="幸福小区停车难问题", body="幸福小区晚上停车位严重不足，很多业主只能停在消防通道。")
    found = services.similar_open_letters(new)
    assert found == [open_one] and found[0].similarity >= services.DUPLICATE_THRESHOLD
    assert closed not in found
    assert services.similarity("", "abc") == 0.0
