from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """评论: public comments on any page of a column that allows them, moderated by its owner."""

    name = "portal.comments"
    label = "comments"
    verbose_name = _("评论")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from portal.core import tree_cache

        from . import services
        from .models import Comment, CommentColumn

        def columns_changed(instance, raw=False, **kwargs) -> None:
            tree_cache.bump()  # pages ask whether they take comments from the tree cache
            if not raw:
                services.column_changed(instance.column_id)

        post_save.connect(
            columns_changed, sender=CommentColumn, weak=False, dispatch_uid="comments-columns-saved"
        )
        post_delete.connect(
            columns_changed, sender=CommentColumn, weak=False, dispatch_uid="comments-columns-deleted"
        )

        def comments_changed(**kwargs) -> None:
            services.counts_changed()  # list pages keep each page's count (services.counts_for)

        post_save.connect(comments_changed, sender=Comment, weak=False, dispatch_uid="comments-saved")
        post_delete.connect(comments_changed, sender=Comment, weak=False, dispatch_uid="comments-deleted")
