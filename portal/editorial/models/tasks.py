"""Workflow task types: the automated content check and review by the accountable organisation.

Routing (who may act) is :mod:`portal.editorial.routing`; what approving, rejecting and
overriding do is :mod:`portal.editorial.transitions`.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.locks import WorkflowLock
from wagtail.models import Task, TaskState

from .. import routing, transitions


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


class ExplainedWorkflowLock(WorkflowLock):
    """The editor's lock banner during review, with the rule that keeps this user out."""

    def get_message(self, user):
        message = super().get_message(user)
        reason = self.task.specific.refusal_for(self.object, user) if message else None
        return format_html("{} {}", message, reason) if reason else message


class OrganisationTaskMixin:
    """Routing shared by the task types: only whoever the step is routed to acts."""

    audience = "reviewers"
    lock_class = ExplainedWorkflowLock

    def _task_state(self, obj) -> TaskState | None:
        state = obj.current_workflow_state
        return state.current_task_state if state is not None else None

    def user_can_act(self, obj, user) -> bool:
        return routing.can_act(user, obj, self.audience, self._task_state(obj))

    def refusal_for(self, obj, user) -> str | None:
        return routing.refusal(user, obj, self.audience, self._task_state(obj))

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
        profile = getattr(user, "staff_profile", None)
        if profile is None or profile.role not in routing.REVIEW_ROLES[self.audience]:
            return TaskState.objects.none()
        able = [
            state.pk
            for state in states.select_related("workflow_state")
            if routing.can_act(user, state.workflow_state.content_object, self.audience, state)
        ]
        return states.filter(pk__in=able)


class OrganisationReviewTask(OrganisationTaskMixin, Task):
    """A review step (部门审核, 保密审查, 初审…) done by the page's accountable organisation."""

    AUDIENCE_CHOICES = [("reviewers", _("本机构审核人员及负责人")), ("leads", _("本机构负责人"))]

    audience = models.CharField(_("审核人"), max_length=20, choices=AUDIENCE_CHOICES, default="reviewers")
    due_hours = models.PositiveIntegerField(
        _("办理时限（工作小时）"), default=16, help_text=_("超过时限提醒审核人。")
    )
    escalate_after_hours = models.PositiveIntegerField(
        _("督办时限（超期后工作小时）"), default=8, help_text=_("超期再经过该时长，上报本机构负责人督办。")
    )

    admin_form_fields = Task.admin_form_fields + ["audience", "due_hours", "escalate_after_hours"]

    class Meta:
        verbose_name = _("机构审核")
        verbose_name_plural = _("机构审核")

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
        # Wagtail redirects to whatever on_action returns, so nothing is returned.
        if action_name == "approve":
            transitions.approve_step(task_state, user, kwargs.get("comment", ""))
        else:
            super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("由页面所属机构的审核人员办理，按工作日计算时限；同一稿件各步骤由不同人员办理。")


class ContentCheckTask(OrganisationTaskMixin, Task):
    """The automated content check, run as the first step of every workflow.

    Blocking findings reject the revision with the report; a clean revision passes on its own;
    warnings wait for a reviewer of the accountable organisation, who may override them only
    with a written reason (logged as ``editorial.check_override``).
    """

    admin_form_fields = Task.admin_form_fields
    # Warnings wait for a reviewer: the same clock as a review step.
    due_hours = 8
    escalate_after_hours = 8

    class Meta:
        verbose_name = _("内容检查")
        verbose_name_plural = _("内容检查")

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        transitions.run_check_step(task_state, user)
        return task_state

    def get_actions(self, obj, user):
        if self.user_can_act(obj, user):
            return [("override", _("确认提示项并放行"), True), ("reject", _("退回修改"), True)]
        return []

    def get_form_for_action(self, action):
        return ReasonForm if action == "override" else RejectForm

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "override":
            transitions.override_warnings(task_state, user, kwargs.get("comment", ""))
        elif action_name == "reject":
            task_state.reject(user=user, comment=kwargs.get("comment", ""))

    @classmethod
    def get_description(cls):
        return _("自动检查敏感词、涉密标识、易错词、领导职务排序、链接、图片替代文本和发布日期。")
