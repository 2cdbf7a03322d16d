from .checks import CheckReport, CheckRuleSetting, Lexicon
from .deadlines import EditorialNotification, ReviewDeadline
from .intake import IntakeSubmission, IntakeToken
from .tasks import ContentCheckTask, OrganisationReviewTask, is_organisation_reviewer, owning_organisation

__all__ = [
    "CheckReport",
    "CheckRuleSetting",
    "ContentCheckTask",
    "EditorialNotification",
    "IntakeSubmission",
    "IntakeToken",
    "Lexicon",
    "OrganisationReviewTask",
    "ReviewDeadline",
    "is_organisation_reviewer",
    "owning_organisation",
]
