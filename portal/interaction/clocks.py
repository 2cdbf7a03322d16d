"""The reply clock of a letter (答复时限) on core's deadline mechanism.

The clock starts when a letter is accepted (受理), with the channel's limit in working days, and
keeps running through assignment and reassignment (转办、改派): a reassignment changes who is
reminded, never the due date. A reminder goes to the handling organisation one working day
before the due date and at the due date; one working day after it, the clock escalates to the
organisation's lead and the supervising office (督办). Reopening after a dissatisfied writer
starts a new clock of the channel's limit from the day of reopening.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.core import audit
from portal.core.deadlines import Clock, Stage, format_due, register_clock
from portal.core.models import Deadline, StaffProfile

from . import access
from .models import OPEN_STATES

CLOCK = "interaction.reply"
ALL_ROLES = ("editor", "reviewer", "lead")


@register_clock
class ReplyClock(Clock):
    key = CLOCK
    label = _lazy("来信答复时限")
    unit = Deadline.Unit.DAYS
    amount = 10
    remind_before = (1,)
    escalate_after = 1

    def is_active(self, deadline: Deadline) -> bool:
        letter = deadline.subject
        return letter is not None and letter.state in OPEN_STATES

    def recipients(self, deadline: Deadline, stage: Stage) -> list:
        org = deadline.organisation
        if stage.kind != "escalate":
            return org.staff_users(ALL_ROLES) if org else []
        users = []
        lead_org = org.nearest_with([StaffProfile.Role.LEAD]) if org else None
        if lead_org is not None:
            users += lead_org.staff_users([StaffProfile.Role.LEAD])
        office = access.supervising_office()
        if office is not None:
            users += [u for u in office.staff_users(ALL_ROLES) if u not in users]
        return users

    def message(self, deadline: Deadline, stage: Stage) -> str:
        letter = deadline.subject
        values = {"number": letter.tracking_number, "title": letter.title, "due": format_due(deadline)}
        if stage.kind == "escalate":
            return _("督办：来信 %(number)s“%(title)s”已超过答复期限（%(due)s），请督促办理。") % values
        if stage.kind == "due":
            return _("来信 %(number)s“%(title)s”今日到期（%(due)s），请尽快答复。") % values
        return _("来信 %(number)s“%(title)s”将于 %(due)s 到期，请按期答复。") % values

    def url(self, deadline: Deadline) -> str:
        return reverse("interaction_admin_letter", args=[deadline.subject_id])

    def on_stage(self, deadline, stage, recipients, now) -> None:
        action = (
            "interaction.letter.escalation" if stage.kind == "escalate" else "interaction.letter.reminder"
        )
        audit.log(
            deadline.subject,
            action,
            data={"stage": stage.key, "recipients": [audit.person(u) for u in recipients]},
        )
