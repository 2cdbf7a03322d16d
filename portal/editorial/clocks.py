"""The review-step clock on the core deadline mechanism, and the pending-items overview.

A step that waits for people (a review, or a content check with warnings) gets a
``editorial.review`` deadline in working hours: a reminder to the step's reviewers once it is
overdue, then escalation to the lead of the acting organisation (or the nearest ancestor's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.models import TaskState

from portal.core import audit
from portal.core.deadlines import Clock, Stage, format_due, register_clock
from portal.core.models import Deadline, Organisation, StaffProfile
from portal.core.notify import register_kind
from portal.core.workdays import WorkdayCalendar

from . import routing

CLOCK = "editorial.review"


def step_page(deadline: Deadline):
    state = deadline.subject
    return state.workflow_state.content_object if state is not None else None


@register_clock
class ReviewClock(Clock):
    key = CLOCK
    label = _lazy("审核时限")
    unit = Deadline.Unit.HOURS
    amount = 16
    escalate_after = 8
    notification_kinds = {"before": "reminder", "due": "reminder", "escalate": "escalation"}

    def is_active(self, deadline: Deadline) -> bool:
        state = deadline.subject
        return state is not None and state.status == TaskState.STATUS_IN_PROGRESS

    def recipients(self, deadline: Deadline, stage: Stage) -> list:
        state = deadline.subject
        audience = getattr(state.task.specific, "audience", "reviewers")
        if stage.kind == "escalate":
            lead_org = (
                deadline.organisation.nearest_with([StaffProfile.Role.LEAD])
                if deadline.organisation
                else None
            )
            return lead_org.staff_users([StaffProfile.Role.LEAD]) if lead_org else []
        step = routing.route(step_page(deadline), audience, state)
        return routing.reviewers_for(step, audience)

    def message(self, deadline: Deadline, stage: Stage) -> str:
        state = deadline.subject
        values = {
            "title": step_page(deadline).get_admin_display_title(),
            "step": state.task.name,
            "due": format_due(deadline),
        }
        if stage.kind == "escalate":
            return _("督办：“%(title)s”的%(step)s超期未办（期限 %(due)s），请督促办理。") % values
        return _("“%(title)s”的%(step)s已超过办理期限（%(due)s），请尽快办理。") % values

    def url(self, deadline: Deadline) -> str:
        page = step_page(deadline)
        return reverse("wagtailadmin_pages:edit", args=[page.pk]) if page is not None else ""

    def on_stage(self, deadline: Deadline, stage: Stage, recipients: list, now: datetime) -> None:
        page = step_page(deadline)
        action = "editorial.escalation" if stage.kind == "escalate" else "editorial.reminder"
        audit.log(
            page.specific_deferred,
            action,
            data={
                "task": deadline.subject.task.name,
                "due_at": timezone.localtime(deadline.due_at).isoformat(),
                "recipients": [audit.person(u) for u in recipients],
                "at": timezone.localtime(now).isoformat(),
            },
        )


register_kind("submitted", _lazy("待审"))
register_kind("reminder", _lazy("超期提醒"))
register_kind("escalation", _lazy("督办"))
register_kind("rejected", _lazy("退回"))
register_kind("editorial.fallback", _lazy("审核无人办理"))


def step_deadline(task_state: TaskState) -> Deadline | None:
    return (
        Deadline.objects.filter(
            clock=CLOCK,
            subject_type=ContentType.objects.get_for_model(TaskState),
            subject_id=str(task_state.pk),
        )
        .order_by("-pk")
        .first()
    )


# -- overview -----------------------------------------------------------------------------------


@dataclass
class PendingItem:
    deadline: Deadline
    task_state: TaskState
    page: object
    age_hours: float
    overdue: bool

    @property
    def step(self) -> str:
        return self.task_state.task.name


def pending_items(organisation: Organisation | None = None, now: datetime | None = None) -> list[PendingItem]:
    """Open review steps with their age in working hours, oldest first."""
    now = now or timezone.now()
    cal = WorkdayCalendar()
    qs = Deadline.objects.filter(clock=CLOCK, closed_at__isnull=True).select_related("organisation")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    deadlines = list(qs.order_by("started_at", "pk"))
    states = TaskState.objects.select_related("task", "workflow_state").in_bulk(
        [int(d.subject_id) for d in deadlines]
    )
    items = []
    for deadline in deadlines:
        state = states.get(int(deadline.subject_id))
        if state is None or state.status != TaskState.STATUS_IN_PROGRESS:
            continue
        items.append(
            PendingItem(
                deadline,
                state,
                state.workflow_state.content_object,
                round(cal.working_hours_between(deadline.started_at, now), 1),
                now >= deadline.due_at,
            )
        )
    return items
