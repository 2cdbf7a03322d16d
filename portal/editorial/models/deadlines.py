"""Due times of review steps and the notifications that chase them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewDeadline(models.Model):
    """The clock of one review step: due in working hours, then reminder, then escalation."""

    task_state = models.OneToOneField(
        "wagtailcore.TaskState", on_delete=models.CASCADE, related_name="editorial_deadline"
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("开始时间"))
    due_at = models.DateTimeField(_("办理期限"), db_index=True)
    escalate_at = models.DateTimeField(_("督办时间"))
    provisional = models.BooleanField(_("期限暂定"), default=False)
    reminded_at = models.DateTimeField(_("已提醒"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("已督办"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("审核时限")
        verbose_name_plural = _("审核时限")

    def __str__(self) -> str:
        return f"{self.page_id} · {self.due_at:%Y-%m-%d %H:%M}"


class EditorialNotification(models.Model):
    """A message to one staff member, shown in the admin and also sent by email."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("待审")
        REMINDER = "reminder", _("超期提醒")
        ESCALATION = "escalation", _("督办")
        REJECTED = "rejected", _("退回")
        CALENDAR = "calendar", _("日历")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    message = models.CharField(_("内容"), max_length=300)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    deadline = models.ForeignKey(
        ReviewDeadline, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("工作提醒")
        verbose_name_plural = _("工作提醒")

    def __str__(self) -> str:
        return self.message
