from .base_page import BasePage
from .deadlines import Deadline
from .notifications import Notification
from .organisations import Leader, Organisation, StaffProfile
from .scheduling import ScheduledRun
from .site_identity import SiteIdentity
from .workdays import CalendarYear, WorkdayOverride

__all__ = [
    "BasePage",
    "CalendarYear",
    "Deadline",
    "Leader",
    "Notification",
    "Organisation",
    "ScheduledRun",
    "SiteIdentity",
    "StaffProfile",
    "WorkdayOverride",
]
