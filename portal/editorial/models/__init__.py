from .checks import CheckReport, CheckRuleSetting, Lexicon, Severity
from .intake import IntakeClient, IntakeDocument, IntakeSubmission, IntakeToken
from .settings import ReviewRouting
from .tasks import ContentCheckTask, OrganisationReviewTask

__all__ = [
    "CheckReport",
    "CheckRuleSetting",
    "ContentCheckTask",
    "IntakeClient",
    "IntakeDocument",
    "IntakeSubmission",
    "IntakeToken",
    "Lexicon",
    "OrganisationReviewTask",
    "ReviewRouting",
    "Severity",
]
