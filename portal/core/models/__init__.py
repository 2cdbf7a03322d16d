from .base_page import BasePage
from .organisations import Leader, Organisation, StaffProfile
from .site_identity import SiteIdentity
from .workdays import CalendarYear, WorkdayOverride

__all__ = [
    "BasePage",
    "CalendarYear",
    "Leader",
    "Organisation",
    "SiteIdentity",
    "StaffProfile",
    "WorkdayOverride",
]
