"""The editorial verbs, each with its guard, audit entry and notification.

Wagtail's workflow engine moves a page through its review steps; these functions are what our
steps do at each move:

- :func:`submit_for_review` — an editor's 提交审核 (guard: a workflow exists and none is running);
- :func:`run_content_check` — 内容检查 on a revision, stored as a report and logged;
- :func:`run_check_step` — the first step: block → back to the editor, clean → on, warnings →
  wait for a reviewer (clock started, reviewers told);
- :func:`start_review_step` — a review step begins: clock started, the routed reviewers told,
  administrators told when nobody but the fallback office can act;
- :func:`approve_step` — guard: content edited during review is checked again before approval;
- :func:`override_warnings` — pass a check with warnings, only with a written reason (logged);
- :func:`finish_step` — a step ended: its clock closes;
- :func:`notify_rejection` — the submitter learns where and why the page came back;
- the last approval publishes on the workflow's authority (先审后发): :mod:`.publishing`, kept
  free of imports because Wagtail loads it while its own models are being defined.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision, TaskState, WorkflowState

from portal.core import audit
from portal.core.deadlines import close_deadlines, format_due, open_deadline
from portal.core.notify import notify

from . import routing
from .checks import run_checks
from .clocks import CLOCK
from .models.checks import CheckReport


def _edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None


def submit_for_review(page: Page, user=None) -> WorkflowState:
    """Save the page's current content as a revision and start its workflow.

    Raises ``ValueError`` when the page has no workflow or one is already in progress.
    """
    page = page.specific
    workflow = page.get_workflow()
    if workflow is None:
        raise ValueError(_("该页面没有配置审核流程。"))
    if page.workflow_in_progress:
        raise ValueError(_("该页面已在审核中。"))
    page.save_revision(user=user, log_action=True)
    return workflow.start(page, user)


def run_content_check(
    target: Revision | Page, task_state: TaskState | None = None, user=None, now=None
) -> CheckReport:
    """Check a revision (or a page's latest content, or an unsaved page object), store the
    report and log it."""
    if isinstance(target, Revision):
        revision, page = target, target.as_object()
    elif target.pk and not getattr(target, "_unsaved_form_content", False):
        page = target.specific
        revision = page.get_latest_revision()
        page = revision.as_object() if revision is not None else page
    else:
        page, revision = target, None
    findings = run_checks(page, now=now)
    report = CheckReport.objects.create(
        page_id=page.pk,
        revision=revision,
        task_state=task_state,
        created_by=_user(user),
        findings=[f.as_dict() for f in findings],
        block_count=sum(1 for f in findings if f.blocking),
        warn_count=sum(1 for f in findings if not f.blocking),
    )
    audit.log(
        page,
        "editorial.content_check",
        user=user,
        revision=revision,
        data={
            "report_id": report.pk,
            "block": report.block_count,
            "warn": report.warn_count,
            "findings": [f.message for f in findings][:50],
            "comment": report.summary(),
        },
    )
    return report


def run_check_step(task_state: TaskState, user=None) -> CheckReport:
    """The content-check step: blocking findings reject, a clean check approves, warnings wait."""
    report = run_content_check(task_state.revision, task_state=task_state, user=user)
    if report.block_count or report.passed:
        task_state.status = TaskState.STATUS_REJECTED if report.block_count else TaskState.STATUS_APPROVED
        task_state.finished_at = timezone.now()
        task_state.comment = report.summary()
        task_state.save()
        task_state.log_state_change_action(None, "reject" if report.block_count else "approve")
    else:
        start_review_step(task_state)
    return report


def start_review_step(task_state: TaskState):
    """Open the step's clock and tell whoever the step is routed to."""
    task = task_state.task.specific
    page = task_state.workflow_state.content_object
    audience = getattr(task, "audience", "reviewers")
    step = routing.route(page, audience, task_state)
    deadline = open_deadline(
        CLOCK,
        task_state,
        organisation=step.organisation,
        started_at=task_state.started_at or timezone.now(),
        amount=task.due_hours,
        escalate_after=task.escalate_after_hours,
    )
    values = {"title": page.get_admin_display_title(), "step": task.name, "due": format_due(deadline)}
    notify(
        routing.reviewers_for(step, audience),
        "submitted",
        _("“%(title)s”待%(step)s，请于 %(due)s 前办理。") % values,
        _edit_url(page),
        subject=deadline,
    )
    if step.fallback or step.organisation is None:
        owner = step.owner.name if step.owner else _("未指定机构")
        notify(
            get_user_model().objects.filter(is_superuser=True, is_active=True),
            "editorial.fallback",
            _("“%(title)s”的%(step)s：%(owner)s及其上级机构无人可办理，已转由%(route)s办理，请补充审核人员。")
            % {**values, "owner": owner, "route": step.describe()},
            _edit_url(page),
            subject=deadline,
        )
    return deadline


def approve_step(task_state: TaskState, user, comment: str = ""):
    """Approve a review step — unless the content to be published, edited during review and never
    checked, has blocking findings: then the page goes back with the report."""
    revision = task_state.workflow_state.content_object.get_latest_revision()
    if revision is not None:
        report = CheckReport.objects.filter(revision=revision).first()  # newest first
        if report is None:
            report = run_content_check(revision, task_state=task_state, user=user)
        if report.block_count:
            task_state.reject(user=None, comment=report.summary())
            return None
    return task_state.approve(user=user, comment=comment)


def override_warnings(task_state: TaskState, user, reason: str) -> None:
    """Pass a content check that found only warnings; the reason goes to the audit log."""
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise PermissionDenied(_("放行须填写理由（至少 4 个字）。"))
    report = CheckReport.objects.filter(task_state=task_state).first()
    if report is not None and report.block_count:
        raise PermissionDenied(_("存在阻断项，不能放行，请退回修改。"))
    audit.log(
        task_state.revision.as_object(),
        "editorial.check_override",
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


def finish_step(task_state: TaskState) -> None:
    close_deadlines(task_state, CLOCK, at=task_state.finished_at or timezone.now())


def notify_rejection(workflow_state: WorkflowState) -> None:
    """Tell the person who submitted that the page came back, with the step and the comment."""
    requester = workflow_state.requested_by
    task_state = workflow_state.current_task_state
    if requester is None or task_state is None:
        return
    page = workflow_state.content_object
    comment = (task_state.comment or "").strip().splitlines()
    notify(
        [requester],
        "rejected",
        _("“%(title)s”在%(step)s被退回：%(comment)s")
        % {
            "title": page.get_admin_display_title(),
            "step": task_state.task.name,
            "comment": comment[0] if comment else _("请查看审核意见"),
        },
        _edit_url(page),
    )
