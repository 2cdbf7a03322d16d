"""The handling of an on-request case, declared once (diagram: ``manage.py state_diagrams``).

received (办理中) → 补正 requested (待补正) → corrected (办理中, the clock restarts)
received → third-party opinion (征求第三方意见, the clock paused) → opinion received (办理中)
received → extended once, ≤ 20 working days with a reason (办理中, the due date moves)
received → replied with an outcome (已答复) → closed (已办结)
待补正 → replied “逾期不补正” (其他处理) when the applicant never corrects.

Any staff member of the receiving organisation handles; extending and replying need its
reviewer or lead (the extension needs the approval of the disclosure office's head, Art. 33).
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.core import deadlines
from portal.core.models import Deadline, StaffProfile
from portal.core.states import StateMachine, Transition
from portal.core.workdays import WorkdayCalendar

from .request_clock import REPLY_CLOCK, THIRD_PARTY_CLOCK
from .requests import OUTCOME_CATEGORY, STATES, DisclosureRequest

__all__ = ["RequestMachine", "due_subquery", "open_reply_clock", "reply_deadline"]

CORRECTION_WITHIN = 7  # working days after receipt (Art. 30)
MAX_EXTENSION = 20
REVIEW_ROLES = (StaffProfile.Role.REVIEWER, StaffProfile.Role.LEAD)


# -- who -------------------------------------------------------------------------------------


def staff_profile(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.staff_profile
    except StaffProfile.DoesNotExist:
        return None


def is_handler(case: DisclosureRequest, user, roles=None) -> bool:
    if user is not None and getattr(user, "is_superuser", False):
        return True
    profile = staff_profile(user)
    return bool(
        profile
        and profile.organisation_id == case.organisation_id
        and (roles is None or profile.role in roles)
    )


def _handler(case, user):
    return None if is_handler(case, user) else _("只有受理机关的工作人员可以办理。")


def _reviewer(case, user):
    return None if is_handler(case, user, REVIEW_ROLES) else _("只有受理机关的审核人员或负责人可以办理。")


# -- clocks ----------------------------------------------------------------------------------


def _moment(params) -> datetime:
    return params.get("at") or timezone.now()


def _day(moment: datetime):
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def open_reply_clock(case: DisclosureRequest, started_at: datetime | None = None) -> Deadline:
    return deadlines.open_deadline(
        REPLY_CLOCK, case, organisation=case.organisation, started_at=started_at or case.submitted_at
    )


def reply_deadline(case: DisclosureRequest) -> Deadline | None:
    return deadlines.deadlines_for(case, REPLY_CLOCK).order_by("-started_at", "-pk").first()


def third_party_deadline(case: DisclosureRequest) -> Deadline | None:
    return deadlines.deadlines_for(case, THIRD_PARTY_CLOCK, open_only=True).first()


def due_subquery():
    """The due time of each case's open reply clock, for annotating querysets."""
    return Subquery(
        Deadline.objects.filter(
            clock=REPLY_CLOCK,
            closed_at__isnull=True,
            subject_type=ContentType.objects.get_for_model(DisclosureRequest),
            subject_id=Cast(OuterRef("pk"), CharField()),
        )
        .order_by("-started_at")
        .values("due_at")[:1]
    )


# -- guards and effects ----------------------------------------------------------------------


def _correction_in_time(case, user, **params):
    day = _day(_moment(params))
    if WorkdayCalendar().working_days_between(case.received_on, day) > CORRECTION_WITHIN:
        return _("应当自收到申请之日起 7 个工作日内一次性告知补正。")
    if case.correction_requested_on:
        return _("补正应当一次性告知，本申请已告知过补正。")
    return None


def _request_correction(case, user, reason="", **params):
    case.correction_note = reason.strip()
    case.correction_requested_on = _day(_moment(params))
    deadline = reply_deadline(case)
    if deadline is not None:
        deadlines.pause(deadline, at=_moment(params))


def _correct(case, user, **params):
    at = _moment(params)
    case.corrected_on = _day(at)
    deadline = reply_deadline(case)
    if deadline is not None:
        deadlines.restart(deadline, at=at)


def _third_party_given(case, user, **params):
    return None if (params.get("third_party") or "").strip() else _("请填写第三方名称。")


def _consult(case, user, **params):
    at = _moment(params)
    case.third_party = params["third_party"].strip()[:200]
    case.third_party_sent_on = _day(at)
    case.third_party_answered_on = None
    deadline = reply_deadline(case)
    if deadline is not None:
        deadlines.pause(deadline, at=at)
    deadlines.open_deadline(THIRD_PARTY_CLOCK, case, organisation=case.organisation, started_at=at)


def _third_party_answered(case, user, **params):
    at = _moment(params)
    case.third_party_answered_on = _day(at)
    deadlines.close_deadlines(case, THIRD_PARTY_CLOCK, at=at)
    deadline = reply_deadline(case)
    if deadline is not None:
        deadlines.resume(deadline, at=at)


def _extension_allowed(case, user, **params):
    if case.extension_days:
        return _("答复期限只能延长一次。")
    days = params.get("days")
    if not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION:
        return _("延长期限应为 1 至 20 个工作日。")
    return None


def _extend(case, user, reason="", **params):
    case.extension_days = params["days"]
    case.extension_reason = reason.strip()
    deadline = reply_deadline(case)
    if deadline is not None:
        deadlines.extend(deadline, params["days"])


def _outcome_given(case, user, **params):
    outcome = params.get("outcome") or ""
    if outcome not in OUTCOME_CATEGORY:
        return _("请选择办理结果。")
    if case.state == "correction" and outcome != "other_no_correction":
        return _("待补正的申请只能以“逾期不补正”作出处理；收到补正后请先登记补正。")
    if not (params.get("reply_text") or "").strip():
        return _("请填写答复内容。")
    return None


def _reply(case, user, **params):
    at = _moment(params)
    case.outcome = params["outcome"]
    case.reply_text = params["reply_text"].strip()
    case.replied_at = at
    case.replied_on = _day(at)
    deadlines.close_deadlines(case, at=at)


def _close(case, user, **params):
    case.closed_at = _moment(params)


def _tell_reviewers(case, user, **params):
    return (
        case.organisation.staff_users(list(REVIEW_ROLES), exclude=[user.pk] if user else ()),
        _("依申请公开 %(number)s 已收到第三方意见，请继续办理。") % {"number": case.tracking_number},
        "",
    )


class RequestMachine(StateMachine):
    name = "disclosure.request"
    label = _lazy("依申请公开办理")
    states = STATES
    initial = "received"
    final = ("closed",)
    transitions = [
        Transition(
            "request_correction",
            _lazy("告知补正"),
            ["received"],
            "correction",
            permission=_handler,
            guard=_correction_in_time,
            effect=_request_correction,
            requires_reason=True,
            description=_lazy("收到申请之日起 7 个工作日内一次性告知需要补正的事项；补正期间不计时"),
        ),
        Transition(
            "correct",
            _lazy("登记补正"),
            ["correction"],
            "received",
            permission=_handler,
            effect=_correct,
            description=_lazy("答复期限自收到补正之日起重新计算"),
        ),
        Transition(
            "consult_third_party",
            _lazy("征求第三方意见"),
            ["received"],
            "third_party",
            permission=_handler,
            guard=_third_party_given,
            effect=_consult,
            description=_lazy("第三方 15 个工作日内提出意见，征求意见所需时间不计算在答复期限内"),
        ),
        Transition(
            "third_party_answered",
            _lazy("收到第三方意见"),
            ["third_party"],
            "received",
            permission=_handler,
            effect=_third_party_answered,
            notification=_tell_reviewers,
            description=_lazy("第三方逾期未提出意见的，也由此恢复计时并依法作出决定"),
        ),
        Transition(
            "extend",
            _lazy("延长答复期限"),
            ["received"],
            "received",
            permission=_reviewer,
            guard=_extension_allowed,
            effect=_extend,
            requires_reason=True,
            description=_lazy("经信息公开工作机构负责人同意，延长一次，不超过 20 个工作日"),
        ),
        Transition(
            "reply",
            _lazy("作出答复"),
            ["received", "correction"],
            "replied",
            permission=_reviewer,
            guard=_outcome_given,
            effect=_reply,
        ),
        Transition("close", _lazy("办结"), ["replied"], "closed", permission=_handler, effect=_close),
    ]
