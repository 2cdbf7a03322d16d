"""Notifications: one call for every app to tell staff (or residents) something.

:func:`notify` stores a :class:`~portal.core.models.Notification` per recipient inside the
caller's transaction and, only once that transaction commits, enqueues the delivery task that
sends each one through the configured channels (e-mail by default; SMS and others plug in via
``PORTAL_NOTIFICATION_CHANNELS``). A rolled-back transaction therefore never sends anything,
and a slow mail server never holds a database transaction open.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from .models import Notification
from .models.notifications import KIND_LABELS
from .site_url import absolute

__all__ = ["Channel", "EmailChannel", "kind_label", "notify", "register_kind"]


def register_kind(kind: str, label) -> None:
    """Give a notification kind its Chinese label (shown in lists and e-mail subjects)."""
    KIND_LABELS[kind] = label


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


class Channel:
    """A way to deliver a stored notification; subclasses implement :meth:`send`."""

    def send(self, notification: Notification, absolute_url: str) -> bool:
        raise NotImplementedError


class EmailChannel(Channel):
    def send(self, notification: Notification, absolute_url: str) -> bool:
        address = notification.user.email
        if not address:
            return False
        site = getattr(settings, "WAGTAIL_SITE_NAME", "")
        body = notification.message + (f"\n\n{absolute_url}" if absolute_url else "")
        send_mail(f"[{site}] {notification.message[:80]}", body, None, [address], fail_silently=True)
        return True


def _channels() -> list[Channel]:
    paths = getattr(settings, "PORTAL_NOTIFICATION_CHANNELS", ["portal.core.notify.EmailChannel"])
    return [import_string(path)() for path in paths]


def notify(users: Iterable, kind: str, message: str, url: str = "", subject=None) -> list[Notification]:
    """Store a notification for each user and deliver them after the current transaction."""
    subject_fields = {}
    if subject is not None:
        subject_fields = {
            "subject_type": ContentType.objects.get_for_model(subject),
            "subject_id": str(subject.pk),
        }
    created = [
        Notification.objects.create(
            user=user, kind=kind, message=message[:300], url=url[:300], **subject_fields
        )
        for user in dict.fromkeys(users)
    ]
    if created:
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: deliver_notifications.enqueue(ids))
    return created


@task()
def deliver_notifications(notification_ids: list[int]) -> int:
    """Send stored notifications through every channel (run by the task worker)."""
    channels = _channels()
    sent = 0
    pending = Notification.objects.filter(pk__in=notification_ids, delivered_at__isnull=True)
    for notification in pending.select_related("user"):
        if any(
            [
                channel.send(notification, absolute(notification.url) if notification.url else "")
                for channel in channels
            ]
        ):
            sent += 1
        notification.delivered_at = timezone.now()
        notification.save(update_fields=["delivered_at"])
    return sent


register_kind("calendar", _("日历"))
