"""Statutory and service-level clocks on any object (审核时限、答复期限、整改期限…)."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Deadline(models.Model):
    """The clock of one obligation: due after ``amount`` working days or hours from
    ``started_at`` (plus extensions, minus pauses), with reminders and an escalation.

    ``clock`` names the registered :class:`portal.core.deadlines.Clock` that says who is
    reminded, with which message, and when; see :mod:`portal.core.deadlines`.
    """

    class Unit(models.TextChoices):
        DAYS = "days", _("工作日")
        HOURS = "hours", _("工作小时")

    clock = models.CharField(_("时限类型"), max_length=60, db_index=True)
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.CharField(max_length=40)
    subject = GenericForeignKey("subject_type", "subject_id")
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.CharField(_("单位"), max_length=10, choices=Unit.choices)
    amount = models.PositiveIntegerField(_("时限"))
    extension = models.PositiveIntegerField(_("延长"), default=0)
    escalate_after = models.PositiveIntegerField(_("超期后督办"), null=True, blank=True)
    started_at = models.DateTimeField(_("起算时间"))
    paused_at = models.DateTimeField(_("暂停于"), null=True, blank=True)
    pauses = models.JSONField(_("已暂停区间"), default=list, blank=True)
    due_at = models.DateTimeField(_("办理期限"), db_index=True)
    escalate_at = models.DateTimeField(_("督办时间"), null=True, blank=True)
    provisional = models.BooleanField(_("期限暂定"), default=False)
    stages_done = models.JSONField(_("已发提醒"), default=list, blank=True)
    next_action_at = models.DateTimeField(null=True, blank=True, db_index=True)
    reminded_at = models.DateTimeField(_("已提醒"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("已督办"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["due_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="core_deadline_subject")]
        verbose_name = _("办理时限")
        verbose_name_plural = _("办理时限")

    def __str__(self) -> str:
        return f"{self.clock} · {self.subject_id} · {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None
