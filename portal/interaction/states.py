"""The handling of a letter, declared once (diagram: docs/interaction.md).

submitted → (screen out with a reason) | accepted → assigned (转办; reassignable with a reason)
→ handling → drafted → reviewed (by the organisation's reviewer or lead; or returned) → sent
(published when the writer agreed) → closed with the writer's satisfaction, or reopened when the
writer is dissatisfied, and handled again by the same organisation.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.core.models import Organisation
from portal.core.states import StateMachine, Transition

from . import access, services
from .models import ANSWERED_STATES, OPEN_STATES, STATES, Letter

__all__ = ["ANSWERED_STATES", "OPEN_STATES", "LetterMachine"]


def _supervisor(letter, user):
    return None if access.is_supervisor(user) else _("只有督办机构的工作人员可以办理此操作。")


def _handler(letter, user):
    if access.is_handler(letter, user):
        return None
    return _("只有承办机构的工作人员可以办理。")


def _reviewer(letter, user):
    if access.is_handler(letter, user, access.REVIEW_ROLES):
        return None
    return _("只有承办机构的审核人员或负责人可以办理。")


def _writer_or_staff(letter, user):
    # The writer proves who they are with the query code at the public view (no account).
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if access.is_supervisor(user) or access.is_handler(letter, user):
        return None
    return _("只有来信人、承办机构或督办机构可以评价。")


def _screening_given(letter, user, **params):
    if params.get("screening") not in Letter.Screening.values:
        return _("请选择甄别结果。")
    if params["screening"] == Letter.Screening.DUPLICATE and params.get("duplicate_of") is None:
        return _("重复来信须指明与哪一封来信重复。")
    return None


def _screen_out(letter, user, **params):
    letter.screening = params["screening"]
    letter.duplicate_of = params.get("duplicate_of")
    letter.closed_at = timezone.now()


def _organisation_given(letter, user, **params):
    org = params.get("organisation")
    if not isinstance(org, Organisation):
        return _("请选择承办机构。")
    if org.pk == letter.organisation_id:
        return _("改派须选择另一个承办机构。")
    return None


def _accept(letter, user, **params):
    letter.accepted_at = params.get("at") or timezone.now()
    services.open_reply_clock(letter)


def _assign(letter, user, **params):
    letter.organisation = params["organisation"]
    letter.assigned_at = params.get("at") or timezone.now()
    services.follow_organisation(letter)


def _reply_given(letter, user, **params):
    return None if (params.get("reply") or "").strip() else _("请填写答复内容。")


def _draft(letter, user, **params):
    letter.reply = params["reply"].strip()
    letter.drafted_by = user


def _not_own_draft(letter, user, **params):
    if user is not None and letter.drafted_by_id == getattr(user, "pk", None):
        return _("起草人不能审核自己起草的答复。")
    return None


def _review(letter, user, **params):
    letter.reviewed_by = user


def _send(letter, user, **params):
    letter.replied_at = params.get("at") or timezone.now()
    letter.replied_by = letter.organisation
    letter.published = letter.publish_consent and not params.get("withhold", False)
    letter.red_flag = False
    services.record_reply_figures(letter)
    letter.reply_due_at = None
    services.close_reply_clock(letter)


def _rate_given(letter, user, **params):
    if params.get("satisfaction") not in (Letter.Satisfaction.SATISFIED, Letter.Satisfaction.BASIC):
        return _("请选择满意度。")
    return None


def _rate(letter, user, **params):
    letter.satisfaction = params["satisfaction"]
    letter.closed_at = timezone.now()


def _reopen(letter, user, **params):
    letter.satisfaction = Letter.Satisfaction.DISSATISFIED
    letter.reviewed_by = None
    services.reopen_reply_clock(letter, params.get("at"))


def _close(letter, user, **params):
    letter.closed_at = timezone.now()


def _tell_handlers(letter, user, **params):
    org = letter.organisation
    if org is None:
        return None
    return (
        org.staff_users(["editor", "reviewer", "lead"]),
        _("来信 %(number)s“%(title)s”已转办贵单位，请按期答复。")
        % {"number": letter.tracking_number, "title": letter.title},
        "",
    )


def _tell_reviewers(letter, user, **params):
    org = letter.organisation
    return (
        org.staff_users(list(access.REVIEW_ROLES), exclude=[user.pk] if user else ()),
        _("来信 %(number)s 的答复已起草，请审核。") % {"number": letter.tracking_number},
        "",
    )


class LetterMachine(StateMachine):
    name = "interaction.letter"
    label = _lazy("来信办理")
    states = STATES
    initial = "submitted"
    final = ("screened_out", "closed")
    transitions = [
        Transition(
            "screen_out",
            _lazy("不予受理"),
            ["submitted"],
            "screened_out",
            permission=_supervisor,
            guard=_screening_given,
            effect=_screen_out,
            requires_reason=True,
            description=_lazy("垃圾信息、重复来信、辱骂攻击或不属于受理范围，须说明理由"),
        ),
        Transition(
            "accept", _lazy("受理"), ["submitted"], "accepted", permission=_supervisor, effect=_accept
        ),
        Transition(
            "assign",
            _lazy("转办"),
            ["accepted"],
            "assigned",
            permission=_supervisor,
            guard=_organisation_given,
            effect=_assign,
            notification=_tell_handlers,
        ),
        Transition(
            "reassign",
            _lazy("改派"),
            ["assigned", "handling", "reopened"],
            "assigned",
            permission=_supervisor,
            guard=_organisation_given,
            effect=_assign,
            notification=_tell_handlers,
            requires_reason=True,
            description=_lazy("改派不重新计时"),
        ),
        Transition("start", _lazy("开始办理"), ["assigned", "reopened"], "handling", permission=_handler),
        Transition(
            "draft",
            _lazy("提交答复"),
            ["handling"],
            "drafted",
            permission=_handler,
            guard=_reply_given,
            effect=_draft,
            notification=_tell_reviewers,
        ),
        Transition(
            "return_draft",
            _lazy("退回修改"),
            ["drafted"],
            "handling",
            permission=_reviewer,
            requires_reason=True,
        ),
        Transition(
            "approve",
            _lazy("审核通过"),
            ["drafted"],
            "reviewed",
            permission=_reviewer,
            guard=_not_own_draft,
            effect=_review,
        ),
        Transition("send", _lazy("发送答复"), ["reviewed"], "sent", permission=_reviewer, effect=_send),
        Transition(
            "rate",
            _lazy("评价满意"),
            ["sent"],
            "closed",
            permission=_writer_or_staff,
            guard=_rate_given,
            effect=_rate,
        ),
        Transition(
            "reopen",
            _lazy("不满意重办"),
            ["sent"],
            "reopened",
            permission=_writer_or_staff,
            effect=_reopen,
            requires_reason=True,
        ),
        Transition(
            "close",
            _lazy("办结"),
            ["sent"],
            "closed",
            permission=_supervisor,
            effect=_close,
            requires_reason=True,
            description=_lazy("来信人逾期未评价时由督办机构办结"),
        ),
    ]
