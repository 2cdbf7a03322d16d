"""Workflow task types: the automated content check and review by the owning organisation."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Page, Task, TaskState

from portal.core.models import BasePage, Organisation, StaffProfile

REVIEW_ROLES = {
    "reviewers": (StaffProfile.Role.REVIEWER, StaffProfile.Role.LEAD),
    "leads": (StaffProfile.Role.LEAD,),
}


def owning_organisation(page: Page) -> Organisation | None:
    """The organisation answerable for ``page``: its own, else the nearest ancestor's."""
    page = page.specific_deferred if type(page) is Page else page
    org_id = getattr(page, "owner_organisation_id", None)
    if org_id is None:
        for ancestor in reversed(page.get_ancestors()):
            org_id = getattr(ancestor.specific_deferred, "owner_organisation_id", None)
            if org_id:
                break
    return Organisation.objects.filter(pk=org_id).first() if org_id else None


def _profile(user):
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.staff_profile
    except StaffProfile.DoesNotExist:
        return None


def _has_staff(organisation_id: int, audience: str) -> bool:
    return StaffProfile.objects.filter(
        organisation_id=organisation_id, role__in=REVIEW_ROLES[audience], user__is_active=True
    ).exists()


def acting_organisation(
    organisation: Organisation | None, audience: str = "reviewers"
) -> Organisation | None:
    """Who acts for ``organisation`` at a step: itself, or, when it has nobody in that role
    (e.g. a street without a 负责人 for 保密审查), its nearest ancestor that has."""
    node = organisation
    while node is not None:
        if _has_staff(node.pk, audience):
            return node
        node = node.parent
    return organisation


def delegated_organisations(organisation_id: int, audience: str = "reviewers") -> list[int]:
    """The organisations whose pages ``organisation_id`` acts for (itself and staff-less children)."""
    found, frontier = [organisation_id], [organisation_id]
    while frontier:
        children = Organisation.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        frontier = [pk for pk in children if not _has_staff(pk, audience)]
        found += frontier
    return found


def is_organisation_reviewer(user, organisation: Organisation | None, audience: str = "reviewers") -> bool:
    """True for staff who may act, at a step for ``audience``, on pages of ``organisation``."""
    if user.is_superuser:
        return True
    profile = _profile(user)
    if profile is None or organisation is None or profile.role not in REVIEW_ROLES[audience]:
        return False
    acting = acting_organisation(organisation, audience)
    return acting is not None and profile.organisation_id == acting.pk


def _pages_owned_by(organisation_ids: list[int]):
    return (
        BasePage.objects.filter(owner_organisation_id__in=organisation_ids)
        .annotate(pk_text=Cast("pk", models.CharField()))
        .values("pk_text")
    )


class OrganisationTaskMixin:
    """Routing shared by the task types: only the owning organisation's reviewers act."""

    audience = "reviewers"

    def user_can_act(self, obj, user) -> bool:
        return is_organisation_reviewer(user, owning_organisation(obj), self.audience)

    def user_can_access_editor(self, obj, user):
        return self.user_can_act(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_can_act(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_can_act(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = TaskState.objects.filter(task=self, status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        profile = _profile(user)
        if profile is None or profile.role not in REVIEW_ROLES[self.audience]:
            return TaskState.objects.none()
        organisations = delegated_organisations(profile.organisation_id, self.audience)
        return states.filter(workflow_state__object_id__in=_pages_owned_by(organisations))


class ReasonForm(forms.Form):
    comment = forms.CharField(
        label=_("理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=True,
        min_length=4,
        help_text=_("放行须写明理由，将记入审计日志。"),
    )


class RejectForm(forms.Form):
    comment = forms.CharField(label=_("退回意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class OrganisationReviewTask(OrganisationTaskMixin, Task):
    """A review step (部门审核, 保密审查, 初审…) done by the page's owning organisation."""

    AUDIENCE_CHOICES = [("reviewers", _("本机构审核人员及负责人")), ("leads", _("本机构负责人"))]

    audience = models.CharField(_("审核人"), max_length=20, choices=AUDIENCE_CHOICES, default="reviewers")
    due_hours = models.PositiveIntegerField(
        _("办理时限（工作小时）"), default=16, help_text=_("超过时限提醒审核人。")
    )
    escalate_after_hours = models.PositiveIntegerField(
        _("督办时限（超期后工作小时）"), default=8, help_text=_("超期再经过该时长，上报本机构负责人督办。")
    )

    require_different_reviewer = models.BooleanField(
        _("须由不同人员审核"),
        default=True,
        help_text=_("已审核过本流程前面步骤的人员不能再审本步，除非本机构没有其他可审人员（三审分离）。"),
    )

    admin_form_fields = Task.admin_form_fields + [
        "audience",
        "due_hours",
        "escalate_after_hours",
        "require_different_reviewer",
    ]

    class Meta:
        verbose_name = _("机构审核")
        verbose_name_plural = _("机构审核")

    def _earlier_approvers(self, obj) -> set[int]:
        state = obj.current_workflow_state
        if state is None:
            return set()
        return set(
            TaskState.objects.filter(
                workflow_state=state, status=TaskState.STATUS_APPROVED, finished_by__isnull=False
            )
            .exclude(task=self)
            .values_list("finished_by", flat=True)
        )

    def user_can_act(self, obj, user) -> bool:
        if not super().user_can_act(obj, user):
            return False
        if user.is_superuser or not self.require_different_reviewer:
            return True
        earlier = self._earlier_approvers(obj)
        if user.pk not in earlier:
            return True
        acting = acting_organisation(owning_organisation(obj), self.audience)
        others = StaffProfile.objects.filter(
            organisation=acting, role__in=REVIEW_ROLES[self.audience], user__is_active=True
        ).exclude(user_id__in=earlier)
        return not others.exists()  # nobody else could take the step: the same person may

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser or not self.require_different_reviewer:
            return states
        reviewed_before = states.filter(
            workflow_state__task_states__finished_by=user,
            workflow_state__task_states__status=TaskState.STATUS_APPROVED,
        ).select_related("workflow_state")
        refused = [
            s.pk for s in reviewed_before if not self.user_can_act(s.workflow_state.content_object, user)
        ]
        return states.exclude(pk__in=refused)

    def get_actions(self, obj, user):
        if self.user_can_act(obj, user):
            return [
                ("reject", _("退回修改"), True),
                ("approve", _("审核通过"), False),
                ("approve", _("审核通过并留言"), True),
            ]
        return []

    def get_form_for_action(self, action):
        return RejectForm if action == "reject" else CommentForm

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and not recheck_latest_revision(task_state, user):
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("由页面所属机构的审核人员办理，按工作日计算时限。")


class ContentCheckTask(OrganisationTaskMixin, Task):
    """The automated content check, run as the first step of every workflow.

    Blocking findings reject the revision with the report; a clean revision passes on its own;
    warnings wait for a reviewer of the owning organisation, who may override them only with a
    written reason (logged as ``editorial.check_override``).
    """

    admin_form_fields = Task.admin_form_fields
    # Warnings wait for a reviewer: the same clock as a review step.
    due_hours = 8
    escalate_after_hours = 8

    class Meta:
        verbose_name = _("内容检查")
        verbose_name_plural = _("内容检查")

    def start(self, workflow_state, user=None):
        from portal.editorial.services import run_content_check

        task_state = super().start(workflow_state, user=user)
        report = run_content_check(task_state.revision, task_state=task_state, user=user)
        if report.block_count or report.passed:
            task_state.status = TaskState.STATUS_REJECTED if report.block_count else TaskState.STATUS_APPROVED
            task_state.finished_at = timezone.now()
            task_state.comment = report.summary()
            task_state.save()
            task_state.log_state_change_action(None, "reject" if report.block_count else "approve")
        else:
            from portal.editorial.deadlines import start_clock

            start_clock(task_state)
        return task_state

    def get_actions(self, obj, user):
        if self.user_can_act(obj, user):
            return [("override", _("确认提示项并放行"), True), ("reject", _("退回修改"), True)]
        return []

    def get_form_for_action(self, action):
        return ReasonForm if action == "override" else RejectForm

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "override":
            override_warnings(task_state, user, kwargs.get("comment", ""))
        elif action_name == "reject":
            task_state.reject(user=user, comment=kwargs.get("comment", ""))

    @classmethod
    def get_description(cls):
        return _("自动检查敏感词、涉密标识、易错词、领导职务排序、链接、图片替代文本和发布日期。")


def recheck_latest_revision(task_state: TaskState, user) -> bool:
    """Before approving, check the revision that would be published if it was never checked.

    A reviewer may edit the page during review; blocking findings in that new content send the
    page back (the approval does not happen). Returns whether the approval may go ahead.
    """
    from portal.editorial.services import run_content_check

    from .checks import CheckReport

    revision = task_state.workflow_state.content_object.get_latest_revision()
    if revision is None:
        return True
    report = CheckReport.objects.filter(revision=revision).first()  # newest first
    if report is None:
        report = run_content_check(revision, task_state=task_state, user=user)
    if report.block_count:
        task_state.reject(user=None, comment=report.summary())
        return False
    return True


def override_warnings(task_state: TaskState, user, reason: str) -> None:
    """Pass a content check that found only warnings; the reason goes to the audit log."""
    from .checks import CheckReport

    reason = (reason or "").strip()
    if len(reason) < 4:
        raise PermissionDenied(_("放行须填写理由。"))
    report = CheckReport.objects.filter(task_state=task_state).first()
    if report is not None and report.block_count:
        raise PermissionDenied(_("存在阻断项，不能放行。"))
    page = task_state.revision.as_object()
    log(
        instance=page,
        action="editorial.check_override",
        user=user,
        revision=task_state.revision,
        data={
            "reason": reason,
            "comment": reason,  # shown in Wagtail's page history
            "report_id": report.pk if report else None,
            "findings": [f["message"] for f in (report.findings if report else [])],
        },
    )
    task_state.approve(user=user, comment=reason)
