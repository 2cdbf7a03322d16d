"""Who acts on a review step: the page's accountable organisation, its nearest ancestor with
someone in the role, or the configured fallback office — never the same person twice in one
review unless an administrator allows it for that organisation (三审分离).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.models import Page, TaskState

from portal.core.models import Organisation, StaffProfile

from .models.settings import ReviewRouting

REVIEW_ROLES = {
    "reviewers": (StaffProfile.Role.REVIEWER, StaffProfile.Role.LEAD),
    "leads": (StaffProfile.Role.LEAD,),
}
AUDIENCE_LABELS = {"reviewers": _lazy("审核人员或负责人"), "leads": _lazy("负责人")}


@dataclass
class StepRoute:
    """Where a step goes: the organisation whose staff act, and why it was chosen."""

    organisation: Organisation | None
    owner: Organisation | None
    fallback: bool = False
    excluded: frozenset[int] = frozenset()

    def describe(self) -> str:
        if self.organisation is None:
            return _("无人可办理（请网站管理员设置兜底审核机构）")
        suffix = _("（兜底审核机构）") if self.fallback else ""
        return f"{self.organisation.name}{suffix}"


def _settings() -> ReviewRouting:
    return ReviewRouting.load()


def earlier_approvers(task_state: TaskState | None) -> set[int]:
    """Users who approved an earlier review step of the same workflow run.

    Confirming the automated content check's warnings is not a review step: the reviewer who
    did it may still take the next step.
    """
    if task_state is None:
        return set()
    return set(
        TaskState.objects.filter(
            workflow_state_id=task_state.workflow_state_id,
            status=TaskState.STATUS_APPROVED,
            finished_by__isnull=False,
        )
        .exclude(pk=task_state.pk)
        .exclude(task__content_type__app_label="editorial", task__content_type__model="contentchecktask")
        .values_list("finished_by", flat=True)
    )


def _owner(page: Page) -> Organisation | None:
    page = page.specific_deferred if type(page) is Page else page
    return page.accountable_organisation() if hasattr(page, "accountable_organisation") else None


def route(page: Page, audience: str, task_state: TaskState | None = None) -> StepRoute:
    """The organisation that acts on ``page`` at a step for ``audience``."""
    roles = REVIEW_ROLES[audience]
    owner = _owner(page)
    settings = _settings()
    allowed = set(settings.same_reviewer_allowed.values_list("pk", flat=True))
    earlier = frozenset(earlier_approvers(task_state))
    if owner is not None:
        for node in owner.lineage():
            exclude = () if node.pk in allowed else earlier
            if node.staff_users(roles, exclude):
                return StepRoute(node, owner, excluded=frozenset(exclude))
    fallback = settings.fallback_organisation
    exclude = () if fallback is None or fallback.pk in allowed else earlier
    if fallback is not None and fallback.staff_users(roles, exclude):
        return StepRoute(fallback, owner, fallback=True, excluded=frozenset(exclude))
    return StepRoute(None, owner)


def reviewers_for(step: StepRoute, audience: str) -> list:
    if step.organisation is None:
        return []
    return step.organisation.staff_users(REVIEW_ROLES[audience], step.excluded)


def refusal(user, page: Page, audience: str, task_state: TaskState | None = None) -> str | None:
    """Why ``user`` may not act on the step (None when they may), in Chinese, naming the rule."""
    if user.is_superuser:
        return None
    profile = getattr(user, "staff_profile", None) if user.is_authenticated else None
    if profile is None:
        return _("您不是本网站的审核人员。")
    step = route(page, audience, task_state)
    if step.organisation is None:
        if user.pk in earlier_approvers(task_state):
            return _(
                "三审分离：您已审核过本稿件的前一步骤，本步骤须由其他人员办理；"
                "本机构及上级机构暂无其他可办理人员，请联系网站管理员设置兜底审核机构。"
            )
        return _("该稿件所属机构及上级机构都没有可办理本步骤的人员，请联系网站管理员设置兜底审核机构。")
    if profile.organisation_id != step.organisation.pk:
        return _("本步骤由%(org)s的%(who)s办理。") % {
            "org": step.organisation.name,
            "who": AUDIENCE_LABELS[audience],
        }
    if profile.role not in REVIEW_ROLES[audience]:
        return _("本步骤须由%(who)s办理，您的角色是%(role)s。") % {
            "who": AUDIENCE_LABELS[audience],
            "role": profile.get_role_display(),
        }
    if user.pk in step.excluded:
        return _("三审分离：您已审核过本稿件的前一步骤，本步骤须由其他人员办理。")
    return None


def can_act(user, page: Page, audience: str, task_state: TaskState | None = None) -> bool:
    return refusal(user, page, audience, task_state) is None
