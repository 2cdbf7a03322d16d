"""The follow-up clock of a bad rating (差评整改时限) on core's deadline mechanism.

Opened when a bad rating (不满意 or 非常不满意) is committed, for the organisation that owns the
rated guide, with the working-day limit of :class:`~.models.ServiceSettings` (15 by default).
The owning organisation's staff are reminded two working days before the due date and at it; one
working day after it, its lead is told (督办). A follow-up (回访整改) closes the clock.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.core import audit
from portal.core.deadlines import Clock, Stage, format_due, register_clock
from portal.core.models import Deadline, StaffProfile

CLOCK = "services.rating_followup"
ALL_ROLES = ("editor", "reviewer", "lead")


@register_clock
class RatingFollowUpClock(Clock):
    key = CLOCK
    label = _lazy("差评整改时限")
    unit = Deadline.Unit.DAYS
    amount = 15
    remind_before = (2,)
    escalate_after = 1

    def is_active(self, deadline: Deadline) -> bool:
        rating = deadline.subject
        return rating is not None and rating.followed_up_at is None

    def recipients(self, deadline: Deadline, stage: Stage) -> list:
        org = deadline.organisation
        if org is None:
            return []
        if stage.kind == "escalate":
            lead_org = org.nearest_with([StaffProfile.Role.LEAD])
            return lead_org.staff_users([StaffProfile.Role.LEAD]) if lead_org else []
        return org.staff_users(ALL_ROLES)

    def message(self, deadline: Deadline, stage: Stage) -> str:
        rating = deadline.subject
        values = {"number": rating.tracking_number, "title": rating.item.title, "due": format_due(deadline)}
        if stage.kind == "escalate":
            return _("督办：差评 %(number)s（%(title)s）已超过整改期限（%(due)s）。") % values
        return _("差评 %(number)s（%(title)s）须于 %(due)s 前回访整改。") % values

    def url(self, deadline: Deadline) -> str:
        return reverse("services_admin_ratings")

    def on_stage(self, deadline, stage, recipients, now) -> None:
        audit.log(
            deadline.subject,
            "services.rating.reminder",
            data={"stage": stage.key, "recipients": [audit.person(u) for u in recipients]},
        )
