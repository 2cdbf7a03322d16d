"""The statutory clocks of an on-request case (条例 Arts. 30–33) on core's deadline mechanism.

- **答复期限**: 20 working days (core working-day calendar) from the day the request was received,
  the day of receipt not counted (the count starts the next day; a request sent online after
  hours or on a rest day is received that calendar day). One extension of at most 20 working
  days. A 补正 request pauses the clock; the correction received restarts it (a fresh 20
  working days from the day the correction arrived). A third-party consultation pauses it: the
  day the letter goes out still counts, the days after it up to and including the day the
  opinion arrives do not.
- **第三方意见期限**: 15 working days from the day the third party was asked.

Reminders go to the receiving organisation 5 and 2 working days before each due date; when the
last day has passed without a reply the clock escalates to the organisation's lead and the
district government's disclosure office.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.core import audit
from portal.core.deadlines import Clock, Stage, format_due, register_clock
from portal.core.models import Deadline, Organisation, StaffProfile

from .requests import OPEN_STATES

REPLY_CLOCK = "disclosure.reply"
THIRD_PARTY_CLOCK = "disclosure.third_party"
ALL_ROLES = ("editor", "reviewer", "lead")
REMINDER_ACTION = "disclosure.request.reminder"
ESCALATION_ACTION = "disclosure.request.escalation"


class _RequestClock(Clock):
    unit = Deadline.Unit.DAYS
    remind_before = (5, 2)
    remind_when_due = False
    escalate_after = 0  # the end of the last day: overdue

    def recipients(self, deadline: Deadline, stage: Stage) -> list:
        org = deadline.organisation
        if stage.kind != "escalate":
            return org.staff_users(ALL_ROLES) if org else []
        users = []
        lead_org = org.nearest_with([StaffProfile.Role.LEAD]) if org else None
        if lead_org is not None:
            users += lead_org.staff_users([StaffProfile.Role.LEAD])
        district = Organisation.objects.filter(kind=Organisation.Kind.DISTRICT).order_by("pk").first()
        if district is not None:
            users += [u for u in district.staff_users(("reviewer", "lead")) if u not in users]
        return users

    def url(self, deadline: Deadline) -> str:
        return reverse("disclosure_request", args=[deadline.subject_id])

    def on_stage(self, deadline, stage, recipients, now) -> None:
        action = ESCALATION_ACTION if stage.kind == "escalate" else REMINDER_ACTION
        audit.log(
            deadline.subject,
            action,
            data={
                "clock": deadline.clock,
                "stage": stage.key,
                "recipients": [audit.person(u) for u in recipients],
            },
        )


@register_clock
class ReplyClock(_RequestClock):
    key = REPLY_CLOCK
    label = _lazy("依申请公开答复期限")
    amount = 20

    def is_active(self, deadline: Deadline) -> bool:
        case = deadline.subject
        return case is not None and case.state in OPEN_STATES

    def message(self, deadline: Deadline, stage: Stage) -> str:
        case = deadline.subject
        values = {"number": case.tracking_number, "due": format_due(deadline)}
        if stage.kind == "escalate":
            return _("督办：依申请公开 %(number)s 已超过答复期限（%(due)s），请立即答复。") % values
        return _("依申请公开 %(number)s 将于 %(due)s 到期，请按期答复。") % values


@register_clock
class ThirdPartyClock(_RequestClock):
    key = THIRD_PARTY_CLOCK
    label = _lazy("第三方意见期限")
    amount = 15

    def is_active(self, deadline: Deadline) -> bool:
        case = deadline.subject
        return case is not None and case.state == "third_party"

    def message(self, deadline: Deadline, stage: Stage) -> str:
        case = deadline.subject
        values = {"number": case.tracking_number, "due": format_due(deadline)}
        if stage.kind == "escalate":
            return (
                _("依申请公开 %(number)s 征求第三方意见已满 15 个工作日（%(due)s），请依法作出决定。")
                % values
            )
        return _("依申请公开 %(number)s 征求第三方意见将于 %(due)s 到期。") % values
