from .checks import CheckReport, CheckRuleSetting, Lexicon, Severity
from .intake import IntakeSubmission, IntakeToken
from .settings import ReviewRouting
from .tasks import ContentCheckTask, OrganisationReviewTask

__all__ = [
    "CheckReport",
    "CheckRuleSetting",
    "ContentCheckTask",
    "IntakeSubmission",
    "IntakeToken",
    "Lexicon",
    "OrganisationReviewTask",
    "ReviewRouting",
    "Severity",
]
