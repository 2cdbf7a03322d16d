"""Comments: where they are allowed, what the public sees, and the moderators' actions.

A page takes comments when it or an ancestor is an enabled :class:`~.models.CommentColumn`. A
comment belongs to the page's accountable organisation (谁发布谁负责), whose staff moderate and
reply. Published comments render inside the cached page, so each action that changes what the
public sees purges the page (``portal.core.purge``).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import ngettext
from wagtail.models import Page

from portal.core import audit, tree_cache
from portal.core.list_annotations import lists_showing
from portal.core.models import StaffProfile
from portal.core.purge import purge_pages
from portal.core.tree_cache import CacheVersion

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
    """Published comments per page (for list pages), every page of ``pages`` included (0 when
    it has none). Kept in Django's cache per page under one *counts version* that any change of
    a comment moves (:func:`counts_changed`), so a list rendered again costs no query; the
    pages not in the cache are counted in one query."""
    ids = {p.pk for p in pages if p.pk}
    if not ids:
        return {}
    version = _counts_version.current()
    keys = {f"comments:count:{version}:{pk}": pk for pk in ids}
    counts = {keys[key]: n for key, n in cache.get_many(keys).items()}
    missing = ids - set(counts)
    if missing:
        rows = (
            Comment.objects.filter(page_id__in=missing, status=Comment.Status.PUBLISHED)
            .values("page_id")
            .annotate(n=Count("pk"))
        )
        found = {pk: 0 for pk in missing} | {r["page_id"]: r["n"] for r in rows}
        cache.set_many({f"comments:count:{version}:{pk}": n for pk, n in found.items()}, COUNTS_TIMEOUT)
        counts |= found
    return counts


#: How long a page's count of one version is kept (a new version makes it unreachable anyway).
COUNTS_TIMEOUT = 24 * 3600
_counts_version = CacheVersion("comments:counts-version")


def counts_changed() -> None:
    """A comment was added, moderated or deleted: forget every kept count, at once and again
    when the transaction commits (a list rendered meanwhile may have read the old counts)."""
    _counts_version.move()


def count_notes(pages) -> dict[int, str]:
    """“N 条评论” for the pages of a list that take comments and have published ones."""
    counts = counts_for([p for p in pages if comments_enabled(p)])
    return {pk: ngettext("%(n)s 条评论", "%(n)s 条评论", n) % {"n": n} for pk, n in counts.items() if n}


def organisation_for(page):
    specific = page.specific_deferred
    getter = getattr(specific, "accountable_organisation", None)
    return getter() if getter else None


def _changed(comment: Comment) -> None:
    page_changed(comment.page.specific_deferred)


def page_changed(page) -> None:
    """The page's published comments changed: purge it and the lists that show its count."""
    purge_pages([page, *lists_showing([page])])


def column_changed(column_id: int) -> None:
    """A column began or stopped taking comments: its pages gain or lose their comments, and the
    lists showing them their counts."""
    column = Page.objects.filter(pk=column_id).first()
    if column is None:
        return
    pages = [column.specific_deferred, *column.get_descendants().live().specific(defer=True)]
    purge_pages([*pages, *lists_showing(pages)])


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
