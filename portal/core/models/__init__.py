from .base_page import BasePage
from .organisations import Leader, Organisation, StaffProfile
from .site_identity import SiteIdentity

__all__ = ["BasePage", "Leader", "Organisation", "SiteIdentity", "StaffProfile"]
