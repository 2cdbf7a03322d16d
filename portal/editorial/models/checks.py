"""Administrator-editable data for the content check: lexicons, rule severities and reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Severity(models.TextChoices):
    BLOCK = "block", _("阻断")
    WARN = "warn", _("提示")


class Lexicon(models.Model):
    """A word list matched against every page (one term a line, optionally ``词|建议``)."""

    class Category(models.TextChoices):
        SENSITIVE = "sensitive", _("敏感词")
        CONFIDENTIAL = "confidential", _("涉密标识")
        CUSTOM = "custom", _("自定义")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    category = models.CharField(
        _("类别"), max_length=20, choices=Category.choices, default=Category.SENSITIVE
    )
    severity = models.CharField(
        _("处理级别"), max_length=10, choices=Severity.choices, default=Severity.BLOCK
    )
    terms = models.TextField(
        _("词条"), blank=True, help_text=_("每行一个词；可写成“词|修改建议”。以 # 开头的行为注释。")
    )
    active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("severity"),
        FieldPanel("active"),
        FieldPanel("terms"),
    ]

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("检查词库")
        verbose_name_plural = _("检查词库")

    def __str__(self) -> str:
        return self.name

    def entries(self) -> list[tuple[str, str]]:
        """(term, suggestion) pairs."""
        pairs = []
        for line in self.terms.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            term, _sep, suggestion = line.partition("|")
            if term.strip():
                pairs.append((term.strip(), suggestion.strip()))
        return pairs


class CheckRuleSetting(models.Model):
    """An administrator's choice of severity (or switching off) for one built-in rule."""

    rule = models.CharField(_("规则"), max_length=40, unique=True)
    enabled = models.BooleanField(_("启用"), default=True)
    severity = models.CharField(_("处理级别"), max_length=10, choices=Severity.choices)
    threshold = models.PositiveIntegerField(
        _("阈值"), null=True, blank=True, help_text=_("如补发日期允许的天数；留空用默认值。")
    )

    panels = [FieldPanel("rule"), FieldPanel("enabled"), FieldPanel("severity"), FieldPanel("threshold")]

    class Meta:
        ordering = ["rule"]
        verbose_name = _("检查规则设置")
        verbose_name_plural = _("检查规则设置")

    def __str__(self) -> str:
        return self.rule


class CheckReport(models.Model):
    """The result of one content check of one revision."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    task_state = models.ForeignKey(
        "wagtailcore.TaskState", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("检查时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    findings = models.JSONField(_("检查结果"), default=list)
    block_count = models.PositiveIntegerField(_("阻断项"), default=0)
    warn_count = models.PositiveIntegerField(_("提示项"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("内容检查报告")
        verbose_name_plural = _("内容检查报告")

    def __str__(self) -> str:
        return f"{self.page_id} @ {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def passed(self) -> bool:
        return not self.block_count and not self.warn_count

    def summary(self) -> str:
        lines = [f"内容检查：阻断 {self.block_count} 项，提示 {self.warn_count} 项。"]
        for item in self.findings:
            where = f"[{item.get('field')}@{item.get('offset')}]" if item.get("offset", -1) >= 0 else ""
            tip = f"（建议：{item['suggestion']}）" if item.get("suggestion") else ""
            level = "阻断" if item.get("severity") == Severity.BLOCK else "提示"
            lines.append(f"- {level}{where} {item.get('message')}{tip}")
        return "\n".join(lines)
