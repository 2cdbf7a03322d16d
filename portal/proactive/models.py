"""Datasets from other departments (a declared schema, versions, rows), benefits with their
eligibility rules, and matching runs with their results.

A row keeps the person's identity encrypted (``id_number``, ``name`` and any attribute marked
personal, Fernet through ``core.personal_data``) with a blind index of the ID number
(``person_key``) that joins datasets without decrypting; the other attributes sit in a plain JSON
column that the matcher loads into a polars frame (docs/proactive.md).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from portal.core.personal_data import EncryptedCharField, EncryptedTextField

from . import rules

KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _check_key(value: str) -> None:
    if not KEY_RE.match(value or ""):
        raise ValidationError(_("只能用小写英文字母、数字和下划线，以字母开头，不超过40个字符。"))


class Dataset(ClusterableModel):
    class Subject(models.TextChoices):
        PERSON = "person", _("个人（身份证号）")
        ENTERPRISE = "enterprise", _("企业（统一社会信用代码）")

    key = models.CharField(
        _("代号"),
        max_length=40,
        unique=True,
        validators=[_check_key],
        help_text=_("规则中以“代号.属性”引用，如 huji.birth_date。"),
    )
    name = models.CharField(_("名称"), max_length=100)
    source = models.CharField(_("提供部门"), max_length=100, blank=True)
    subject = models.CharField(_("对象"), max_length=20, choices=Subject.choices, default=Subject.PERSON)
    retention_days = models.PositiveIntegerField(
        _("保存期限（天）"), default=365, help_text=_("超过期限的导入数据由后台任务清除。")
    )
    description = models.TextField(_("说明"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("key"), FieldPanel("source"), FieldPanel("subject")], _("数据集")
        ),
        FieldPanel("retention_days"),
        FieldPanel("description"),
        InlinePanel("attributes", label=_("属性"), heading=_("数据结构")),
    ]

    class Meta:
        verbose_name = _("部门数据集")
        verbose_name_plural = _("部门数据集")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name

    @property
    def current_version(self):
        return self.versions.filter(status=DatasetVersion.Status.CURRENT).first()

    def attribute_for(self, role: str):
        return next((a for a in self.attributes.all() if a.role == role), None)

    def rule_schema(self) -> dict:
        """The attributes a rule may use (plain attributes; identity and personal ones are not)."""
        return {
            f"{self.key}.{a.key}": rules.AttrSpec(
                f"{self.key}.{a.key}", a.type, f"{self.name}·{a.label}", a.code_map()
            )
            for a in self.attributes.all()
            if a.in_frame
        }


class Attribute(Orderable):
    class Type(models.TextChoices):
        TEXT = "text", _("文本")
        INTEGER = "integer", _("整数")
        DECIMAL = "decimal", _("小数")
        DATE = "date", _("日期")
        BOOLEAN = "boolean", _("是否")
        CODE = "code", _("代码")

    class Role(models.TextChoices):
        NONE = "", _("一般属性")
        ID_NUMBER = "id_number", _("证件号码（身份证号/统一社会信用代码）")
        NAME = "name", _("姓名/名称")
        STREET = "street", _("所属街道")
        COMMUNITY = "community", _("所属社区")

    dataset = ParentalKey(Dataset, related_name="attributes", on_delete=models.CASCADE)
    key = models.CharField(_("属性代号"), max_length=40, validators=[_check_key])
    label = models.CharField(_("列名"), max_length=60, help_text=_("导入文件首行中该列的名称。"))
    type = models.CharField(_("类型"), max_length=10, choices=Type.choices, default=Type.TEXT)
    required = models.BooleanField(_("必填"), default=False)
    role = models.CharField(_("用途"), max_length=20, choices=Role.choices, blank=True, default="")
    personal = models.BooleanField(_("个人信息（加密保存）"), default=False)
    codes = models.TextField(
        _("代码表"), blank=True, help_text=_("每行一项：代码=名称，如 1=一级。类型为“代码”时必填。")
    )

    panels = [
        FieldPanel("key"),
        FieldPanel("label"),
        FieldPanel("type"),
        FieldPanel("required"),
        FieldPanel("role"),
        FieldPanel("personal"),
        FieldPanel("codes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("属性")
        verbose_name_plural = _("属性")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "key"], name="proactive_attribute_unique_key")
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.type == self.Type.CODE and not self.code_map():
            raise ValidationError({"codes": _("类型为“代码”的属性须填写代码表。")})
        if self.role in (self.Role.ID_NUMBER, self.Role.NAME) and self.type != self.Type.TEXT:
            raise ValidationError({"type": _("证件号码和姓名的类型应为“文本”。")})

    def code_map(self) -> dict[str, str]:
        out = {}
        for line in (self.codes or "").splitlines():
            code, _sep, name = line.partition("=")
            if code.strip():
                out[code.strip()] = name.strip() or code.strip()
        return out

    @property
    def in_frame(self) -> bool:
        """Stored in the plain JSON column and usable in rules."""
        return not self.personal and self.role not in (self.Role.ID_NUMBER, self.Role.NAME)


class DatasetVersion(models.Model):
    class Status(models.TextChoices):
        CURRENT = "current", _("当前版本")
        PREVIOUS = "previous", _("上一版本")

    dataset = models.ForeignKey(Dataset, related_name="versions", on_delete=models.CASCADE)
    number = models.PositiveIntegerField(_("版本号"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    filename = models.CharField(_("文件名"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    row_count = models.PositiveIntegerField(_("行数"), default=0)

    class Meta:
        verbose_name = _("数据集版本")
        verbose_name_plural = _("数据集版本")
        ordering = ["dataset", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "number"], name="proactive_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.dataset} v{self.number}"


class Record(models.Model):
    version = models.ForeignKey(DatasetVersion, related_name="records", on_delete=models.CASCADE)
    row_number = models.PositiveIntegerField(_("行号"))
    person_key = models.CharField(_("证件号索引"), max_length=64, db_index=True)
    id_number = EncryptedCharField(_("证件号码"), max_length=40)
    name = EncryptedCharField(_("姓名/名称"), max_length=200)
    personal = EncryptedTextField(_("其他个人信息"))
    attributes = models.JSONField(_("属性"), default=dict)

    class Meta:
        verbose_name = _("数据行")
        verbose_name_plural = _("数据行")
        ordering = ["version", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "person_key"], name="proactive_record_unique_person")
        ]

    def __str__(self) -> str:
        return f"{self.version} #{self.row_number}"


class Benefit(models.Model):
    code = models.CharField(_("代号"), max_length=40, unique=True, validators=[_check_key])
    name = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("说明"), blank=True)
    population = models.ForeignKey(
        Dataset,
        verbose_name=_("对象数据集"),
        related_name="+",
        on_delete=models.PROTECT,
        help_text=_("匹配在该数据集的人员（或企业）中进行，其街道、社区用于分区统计。"),
    )
    claims = models.ForeignKey(
        Dataset,
        verbose_name=_("已享受数据集"),
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("其中的人员视为已享受；若该数据集有 benefit 属性，只算其值为本待遇代号的行。"),
    )
    service_code = models.CharField(
        _("办事事项编码"), max_length=60, blank=True, help_text=_("申领所用的办事事项。")
    )
    policy_page = models.ForeignKey(
        "core.BasePage",
        verbose_name=_("政策文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rule = models.JSONField(_("享受条件"), default=dict, blank=True)
    enabled = models.BooleanField(_("参与匹配"), default=True)

    class Meta:
        verbose_name = _("惠民待遇")
        verbose_name_plural = _("惠民待遇")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def schema(self) -> dict:
        return schema_for(Dataset.objects.prefetch_related("attributes"))

    def rule_text(self) -> str:
        return rules.to_text(self.rule) if self.rule else ""

    def rendered(self) -> str:
        return rules.render(self.rule, self.schema()) if self.rule else ""

    rendered.short_description = _("享受条件")

    def clean(self) -> None:
        from .service_items import service_item_exists

        errors = {}
        if self.rule:
            try:
                rules.check(self.rule, self.schema())
            except rules.RuleError as exc:
                errors["rule_text"] = str(exc)
        if self.service_code and not service_item_exists(self.service_code):
            errors["service_code"] = _("没有编码为“%(code)s”的已发布办事事项。") % {"code": self.service_code}
        if errors:
            raise ValidationError(errors)


def schema_for(datasets) -> dict:
    schema = {}
    for dataset in datasets:
        schema.update(dataset.rule_schema())
    return schema


class MatchRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("运行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    run_date = models.DateField(_("匹配基准日"))
    benefit = models.ForeignKey(
        Benefit,
        verbose_name=_("待遇"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("为空时匹配全部待遇。"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    seconds = models.FloatField(_("用时（秒）"), null=True, blank=True)
    message = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("匹配批次")
        verbose_name_plural = _("匹配批次")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.run_date} #{self.pk}"


class MatchResult(models.Model):
    run = models.ForeignKey(MatchRun, related_name="results", on_delete=models.CASCADE)
    benefit = models.ForeignKey(Benefit, related_name="results", on_delete=models.CASCADE)
    eligible = models.PositiveIntegerField(_("符合条件"), default=0)
    claimed = models.PositiveIntegerField(_("已享受"), default=0)
    matched = models.PositiveIntegerField(_("应享未享"), default=0)
    by_area = models.JSONField(_("分街道社区"), default=list)
    keys = models.JSONField(_("应享未享人员索引"), default=list)
    newly = models.JSONField(_("新增"), default=list)
    dropped = models.JSONField(_("不再符合"), default=list)
    rule = models.JSONField(_("所用条件"), default=dict)

    class Meta:
        verbose_name = _("匹配结果")
        verbose_name_plural = _("匹配结果")
        ordering = ["run", "benefit"]

    def __str__(self) -> str:
        return f"{self.benefit} · {self.run}"


class Outreach(models.Model):
    """One matched person told of one benefit, with their answer through the personal link."""

    class State(models.TextChoices):
        CONTACTED = "contacted", _("已告知")
        OPENED = "opened", _("已查看")
        CLAIMED = "claimed", _("已申领")
        DECLINED = "declined", _("已谢绝")

    benefit = models.ForeignKey(
        Benefit, verbose_name=_("待遇"), related_name="outreach", on_delete=models.CASCADE
    )
    result = models.ForeignKey(
        MatchResult, null=True, blank=True, on_delete=models.SET_NULL, related_name="outreach"
    )
    person_key = models.CharField(_("证件号索引"), max_length=64, db_index=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.CONTACTED)
    contacted_at = models.DateTimeField(_("告知时间"), auto_now_add=True)
    opened_at = models.DateTimeField(_("查看时间"), null=True, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("主动告知")
        verbose_name_plural = _("主动告知")
        ordering = ["-contacted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["benefit", "person_key"], name="proactive_outreach_once")
        ]

    def __str__(self) -> str:
        return f"{self.benefit} · {self.get_state_display()}"
