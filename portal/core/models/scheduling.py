"""One row per periodic job and time slot: the database decides which scheduler runs it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """A periodic job enqueued for one slot (``due_at`` = the start of its interval).

    The unique constraint means a job is enqueued once per slot however many schedulers run
    and however often they restart.
    """

    job = models.CharField(_("定时任务"), max_length=200)
    due_at = models.DateTimeField(_("计划时间"))
    enqueued_at = models.DateTimeField(_("入队时间"), auto_now_add=True)
    scheduler = models.CharField(_("调度进程"), max_length=100, blank=True)

    class Meta:
        ordering = ["-due_at"]
        constraints = [models.UniqueConstraint(fields=["job", "due_at"], name="core_scheduledrun_once")]
        verbose_name = _("定时任务运行")
        verbose_name_plural = _("定时任务运行")

    def __str__(self) -> str:
        return f"{self.job} @ {self.due_at:%Y-%m-%d %H:%M}"
