"""Messages to one person (site notification, also sent by e-mail or another channel)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

# Kind → Chinese label, filled by :func:`portal.core.notify.register_kind`.
KIND_LABELS: dict[str, object] = {}


class Notification(models.Model):
    """A message to one user, shown in the admin (or the personal homepage) and delivered by
    the configured channels once the transaction that created it has committed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类型"), max_length=40, db_index=True)
    message = models.CharField(_("内容"), max_length=300)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subject_id = models.CharField(max_length=40, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("已投递"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="core_notification_unread")]
        verbose_name = _("工作提醒")
        verbose_name_plural = _("工作提醒")

    def __str__(self) -> str:
        return self.message

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))
