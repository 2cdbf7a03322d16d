"""Administrator overrides of the official working-day calendar (节假日安排).

chinese-calendar ships the State Council's holiday arrangements for the years it knows. Each
winter the next year's arrangement is announced; administrators load it here (one row per
holiday or make-up working day, 调休) and mark the year as complete. A row here always wins over
the library.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkdayOverride(models.Model):
    """One date whose working status differs from what the library (or Mon–Fri) says."""

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(
        _("是否工作日"), default=False, help_text=_("勾选表示调休上班日；不勾选表示放假。")
    )
    name = models.CharField(_("名称"), max_length=60, blank=True, help_text=_("如：春节、国庆节调休。"))
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")

    def __str__(self) -> str:
        kind = _("上班") if self.is_working_day else _("放假")
        return f"{self.date:%Y-%m-%d} {self.name or ''}（{kind}）"


class CalendarYear(models.Model):
    """A year whose official arrangement an administrator has loaded in full."""

    year = models.PositiveIntegerField(_("年份"), unique=True)
    complete = models.BooleanField(
        _("已完整录入"),
        default=True,
        help_text=_("国务院办公厅公布的当年节假日安排已全部录入后勾选；否则该年截止时间为暂定。"),
    )
    source = models.CharField(
        _("依据"), max_length=200, blank=True, help_text=_("如：国办发明电〔2026〕X号。")
    )

    class Meta:
        ordering = ["year"]
        verbose_name = _("年度节假日安排")
        verbose_name_plural = _("年度节假日安排")

    def __str__(self) -> str:
        return str(self.year)
