from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """评论: public comments on any page of a column that allows them, moderated by its owner."""

    name = "portal.comments"
    label = "comments"
    verbose_name = _("评论")
