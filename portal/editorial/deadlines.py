"""Review deadlines in working hours, reminders, escalation, and the pending-items overview.

When an :class:`OrganisationReviewTask` starts, a :class:`ReviewDeadline` is opened: due after
the task's working hours (core working-day calendar), escalated after a further period. The
periodic tick (:func:`process_deadlines`, run by ``manage.py editorial_tick`` or the
``editorial_tick`` task) reminds the reviewers once the step is overdue and escalates to the
organisation's lead (or the parent organisation's) once it is further overdue. Every
notification is stored for the admin and sent by email; every reminder and escalation is in the
page's audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import TaskState
from wagtail.signals import task_approved, task_cancelled, task_rejected, task_submitted, workflow_rejected

from portal.core.models import Organisation, StaffProfile
from portal.core.workdays import WorkdayCalendar, calendar_changed

from .models import EditorialNotification, OrganisationReviewTask, ReviewDeadline, owning_organisation
from .models.tasks import REVIEW_ROLES, acting_organisation


def _compute(deadline: ReviewDeadline, task: OrganisationReviewTask) -> None:
    cal = WorkdayCalendar()
    deadline.due_at = cal.add_working_hours(deadline.started_at, task.due_hours)
    deadline.escalate_at = cal.add_working_hours(deadline.due_at, task.escalate_after_hours)
    deadline.provisional = cal.used_provisional


def open_deadline(task_state: TaskState) -> ReviewDeadline:
    """Start the clock of a step that waits for people (review, or checks with warnings)."""
    task = task_state.task.specific
    page = task_state.workflow_state.content_object
    deadline = ReviewDeadline(
        task_state=task_state,
        page_id=page.pk,
        organisation=acting_organisation(owning_organisation(page), getattr(task, "audience", "reviewers")),
        started_at=task_state.started_at or timezone.now(),
    )
    _compute(deadline, task)
    deadline.save()
    return deadline


def recompute_deadline(deadline: ReviewDeadline) -> ReviewDeadline:
    _compute(deadline, deadline.task_state.task.specific)
    deadline.save(update_fields=["due_at", "escalate_at", "provisional"])
    return deadline


def recompute_open_deadlines() -> int:
    """Recompute every open deadline (after administrators change the calendar)."""
    count = 0
    for deadline in ReviewDeadline.objects.filter(closed_at__isnull=True).select_related("task_state"):
        recompute_deadline(deadline)
        count += 1
    return count


@receiver(task_submitted)
def _on_task_submitted(sender, instance, user=None, **kwargs):
    # The content check starts its own clock, and only when it waits for a reviewer.
    if isinstance(instance, TaskState) and isinstance(instance.task.specific, OrganisationReviewTask):
        start_clock(instance)


def start_clock(task_state: TaskState) -> ReviewDeadline:
    """Open the step's deadline and tell the reviewers who may act on it."""
    deadline = open_deadline(task_state)
    task = task_state.task.specific
    due = timezone.localtime(deadline.due_at).strftime("%Y-%m-%d %H:%M")
    notify(
        staff_of(deadline.organisation, REVIEW_ROLES[task.audience]),
        EditorialNotification.Kind.SUBMITTED,
        _("“%(title)s”待%(step)s，请于 %(due)s 前办理。")
        % {"title": deadline.page.get_admin_display_title(), "step": task.name, "due": due},
        _edit_url(deadline),
        deadline,
    )
    return deadline


@receiver(task_approved)
@receiver(task_rejected)
@receiver(task_cancelled)
def _on_task_finished(sender, instance, user=None, **kwargs):
    ReviewDeadline.objects.filter(task_state_id=instance.pk, closed_at__isnull=True).update(
        closed_at=instance.finished_at or timezone.now()
    )


@receiver(workflow_rejected)
def _on_workflow_rejected(sender, instance, user=None, **kwargs):
    """Tell the person who submitted that the page came back, with the step and the comment."""
    requester = instance.requested_by
    task_state = instance.current_task_state
    if requester is None or task_state is None:
        return
    page = instance.content_object
    comment = (task_state.comment or "").strip().splitlines()
    notify(
        [requester],
        EditorialNotification.Kind.REJECTED,
        _("“%(title)s”在%(step)s被退回：%(comment)s")
        % {
            "title": page.get_admin_display_title(),
            "step": task_state.task.name,
            "comment": comment[0] if comment else _("请查看审核意见"),
        },
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
    )


@receiver(calendar_changed)
def _on_calendar_changed(sender, **kwargs):
    transaction.on_commit(recompute_open_deadlines)


# -- recipients and notifications -----------------------------------------------------------------


def staff_of(organisation: Organisation | None, roles) -> list:
    if organisation is None:
        return []
    User = get_user_model()
    return list(
        User.objects.filter(
            is_active=True, staff_profile__organisation=organisation, staff_profile__role__in=roles
        ).order_by("pk")
    )


def leads_for(organisation: Organisation | None) -> list:
    """The organisation's leads; failing those, the nearest ancestor organisation's."""
    node = organisation
    while node is not None:
        leads = staff_of(node, [StaffProfile.Role.LEAD])
        if leads:
            return leads
        node = node.parent
    return []


def notify(users, kind: str, message: str, url: str = "", deadline: ReviewDeadline | None = None) -> int:
    sent = 0
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    for user in users:
        EditorialNotification.objects.create(
            user=user, kind=kind, message=message[:300], url=url, deadline=deadline
        )
        if user.email:
            send_mail(
                f"[{getattr(settings, 'WAGTAIL_SITE_NAME', '')}] {message[:80]}",
                f"{message}\n\n{base}{url}",
                None,
                [user.email],
                fail_silently=True,
            )
        sent += 1
    return sent


def _edit_url(deadline: ReviewDeadline) -> str:
    return reverse("wagtailadmin_pages:edit", args=[deadline.page_id])


def _log(deadline: ReviewDeadline, action: str, recipients, now: datetime) -> None:
    page = deadline.page.specific_deferred
    log(
        instance=page,
        action=action,
        user=None,
        data={
            "task": deadline.task_state.task.name,
            "due_at": timezone.localtime(deadline.due_at).isoformat(),
            "recipients": [u.get_username() for u in recipients],
            "at": timezone.localtime(now).isoformat(),
        },
    )


@dataclass
class TickResult:
    reminded: int = 0
    escalated: int = 0
    closed: int = 0


def process_deadlines(now: datetime | None = None) -> TickResult:
    """Send due reminders and escalations; close deadlines whose step has ended."""
    now = now or timezone.now()
    result = TickResult()
    open_deadlines = ReviewDeadline.objects.filter(closed_at__isnull=True).select_related(
        "task_state__task", "page", "organisation"
    )
    for deadline in open_deadlines:
        state = deadline.task_state
        if state.status != TaskState.STATUS_IN_PROGRESS:
            deadline.closed_at = state.finished_at or now
            deadline.save(update_fields=["closed_at"])
            result.closed += 1
            continue
        task = state.task.specific
        title = deadline.page.get_admin_display_title()
        due = timezone.localtime(deadline.due_at).strftime("%Y-%m-%d %H:%M")
        if deadline.reminded_at is None and now >= deadline.due_at:
            recipients = staff_of(deadline.organisation, REVIEW_ROLES[task.audience])
            notify(
                recipients,
                EditorialNotification.Kind.REMINDER,
                _("“%(title)s”的%(step)s已超过办理期限（%(due)s），请尽快办理。")
                % {"title": title, "step": task.name, "due": due},
                _edit_url(deadline),
                deadline,
            )
            _log(deadline, "editorial.reminder", recipients, now)
            deadline.reminded_at = now
            deadline.save(update_fields=["reminded_at"])
            result.reminded += 1
        if deadline.escalated_at is None and now >= deadline.escalate_at:
            recipients = leads_for(deadline.organisation)
            notify(
                recipients,
                EditorialNotification.Kind.ESCALATION,
                _("督办：“%(title)s”的%(step)s超期未办（期限 %(due)s），请督促办理。")
                % {"title": title, "step": task.name, "due": due},
                _edit_url(deadline),
                deadline,
            )
            _log(deadline, "editorial.escalation", recipients, now)
            deadline.escalated_at = now
            deadline.save(update_fields=["escalated_at"])
            result.escalated += 1
    return result


# -- overview -----------------------------------------------------------------------------------


@dataclass
class PendingItem:
    deadline: ReviewDeadline
    age_hours: float
    overdue: bool


def pending_items(organisation: Organisation | None = None, now: datetime | None = None) -> list[PendingItem]:
    """Open review steps with their age in working hours, oldest first."""
    now = now or timezone.now()
    cal = WorkdayCalendar()
    qs = ReviewDeadline.objects.filter(
        closed_at__isnull=True, task_state__status=TaskState.STATUS_IN_PROGRESS
    ).select_related("task_state__task", "page", "organisation")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    items = [
        PendingItem(d, round(cal.working_hours_between(d.started_at, now), 1), now >= d.due_at)
        for d in qs.order_by("started_at")
    ]
    return items
