"""Moderation before publication, declared once for comments on drafts and questions for
interviews: pending → published, or rejected with a reason (a published one can be withdrawn)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.core.states import StateMachine, Transition

from .. import access
from .models import Moderation


def _moderator(obj, user):
    """The supervising office, or staff of the organisation that runs the consultation or interview."""
    if access.is_supervisor(user):
        return None
    profile = access.staff_profile(user)
    if profile is not None and profile.organisation_id == obj.audit_organisation_id():
        return None
    return _("只有督办机构或主办单位的工作人员可以审核。")


def _stamp(obj, user, **params):
    obj.moderated_at = timezone.now()


def _transitions():
    return [
        Transition(
            "publish", _lazy("审核公开"), ["pending", "rejected"], "published", _moderator, effect=_stamp
        ),
        Transition(
            "reject",
            _lazy("不予公开"),
            ["pending", "published"],
            "rejected",
            _moderator,
            effect=_stamp,
            requires_reason=True,
        ),
    ]


class CommentModeration(StateMachine):
    name = "interaction.comment"
    label = _lazy("草案意见审核")
    states = dict(Moderation.choices)
    initial = "pending"
    transitions = _transitions()


class QuestionModeration(StateMachine):
    name = "interaction.question"
    label = _lazy("访谈提问审核")
    states = dict(Moderation.choices)
    initial = "pending"
    transitions = _transitions()


def machine_for(obj) -> type[StateMachine]:
    from .models import ConsultationComment

    return CommentModeration if isinstance(obj, ConsultationComment) else QuestionModeration
