from portal.core.deadlines import Clock, register_clock
from portal.core.models import Deadline, StaffProfile


@register_clock
class ReplyClock(Clock):
    """答复期限: 15 working days, reminded 3 days before, escalated 2 days after."""

    key = "caseapp.reply"
    label = "答复期限"
    unit = Deadline.Unit.DAYS
    amount = 15
    escalate_after = 2
    remind_before = (3,)

    def is_active(self, deadline):
        letter = deadline.subject
        return letter is not None and letter.state not in ("answered", "closed")

    def recipients(self, deadline, stage):
        org = deadline.organisation
        roles = [StaffProfile.Role.LEAD] if stage.kind == "escalate" else [StaffProfile.Role.REVIEWER]
        return org.staff_users(roles) if org else []

    def message(self, deadline, stage):
        return f"{stage.kind}: 来信 {deadline.subject.tracking_number}"
