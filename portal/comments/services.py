"""Comments: where they are allowed, what the public sees, and the moderators' actions.

A page takes comments when it or an ancestor is an enabled :class:`~.models.CommentColumn`. A
comment belongs to the page's accountable organisation (谁发布谁负责), whose staff moderate and
reply. Published comments render inside the cached page, so each action that changes what the
public sees purges the page (``portal.core.purge``).
"""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone
from wagtail.models import Page

from portal.core import audit, tree_cache
from portal.core.models import StaffProfile
from portal.core.purge import purge_pages

from .models import Comment, CommentColumn


def comments_enabled(page) -> bool:
    if page is None or not page.pk or getattr(page, "is_container", False):
        return False
    return any(page.path.startswith(path) for path in enabled_column_paths())


def enabled_column_paths() -> tuple[str, ...]:
    """The tree paths of the columns that take comments, kept with the page tree (a column
    enabled or disabled moves the tree version: see ``apps.CommentsConfig.ready``)."""
    return tree_cache.get_or_set("comments:enabled-column-paths", _read_enabled_column_paths)


def _read_enabled_column_paths() -> tuple[str, ...]:
    columns = CommentColumn.objects.filter(enabled=True).values("column_id")
    return tuple(Page.objects.filter(pk__in=columns).values_list("path", flat=True))


def published_for(page):
    return Comment.objects.filter(page_id=page.pk, status=Comment.Status.PUBLISHED).order_by(
        "submitted_at", "pk"
    )


def counts_for(pages) -> dict[int, int]:
    """Published comments per page (for list pages), in one query."""
    rows = (
        Comment.objects.filter(page_id__in=[p.pk for p in pages], status=Comment.Status.PUBLISHED)
        .values("page_id")
        .annotate(n=Count("pk"))
    )
    return {r["page_id"]: r["n"] for r in rows}


def organisation_for(page):
    specific = page.specific_deferred
    getter = getattr(specific, "accountable_organisation", None)
    return getter() if getter else None


def _changed(comment: Comment) -> None:
    purge_pages([comment.page.specific_deferred])


def approve(comment: Comment, user) -> None:
    comment.status = Comment.Status.PUBLISHED
    comment.moderated_at, comment.moderated_by = timezone.now(), user
    comment.save(update_fields=["status", "moderated_at", "moderated_by"])
    audit.log(comment, "comments.approve", user=user)
    _changed(comment)


def reject(comment: Comment, user, reason: str) -> None:
    was_public = comment.status == Comment.Status.PUBLISHED
    comment.status = Comment.Status.REJECTED
    comment.reject_reason = reason[:300]
    comment.moderated_at, comment.moderated_by = timezone.now(), user
    comment.save(update_fields=["status", "reject_reason", "moderated_at", "moderated_by"])
    audit.log(comment, "comments.reject", user=user, data={"reason": comment.reject_reason})
    if was_public:
        _changed(comment)


def reply(comment: Comment, user, text: str) -> None:
    comment.reply = text
    comment.replied_at = timezone.now()
    if comment.status == Comment.Status.PENDING:
        comment.status = Comment.Status.PUBLISHED
        comment.moderated_at, comment.moderated_by = comment.replied_at, user
    comment.save(update_fields=["reply", "replied_at", "status", "moderated_at", "moderated_by"])
    audit.log(comment, "comments.reply", user=user)
    if comment.status == Comment.Status.PUBLISHED:
        _changed(comment)


def visible_to(user):
    """The moderation queue of ``user``: every comment for the superuser, else those of the
    organisation of their staff profile (and of the organisations below it)."""
    qs = Comment.objects.select_related("page", "organisation")
    if user.is_superuser:
        return qs
    try:
        org = user.staff_profile.organisation
    except (StaffProfile.DoesNotExist, AttributeError):
        return qs.none()
    ids = [org.pk, *(o.pk for o in org.descendants())]
    return qs.filter(organisation_id__in=ids)
