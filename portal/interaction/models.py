"""Channels and letters of the interaction hub (互动交流)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from portal.core.personal_data import EncryptedCharField, EncryptedTextField, blind_index
from portal.core.submissions import PublicSubmission


def month_of(moment):
    """The first day of the local month of ``moment`` (the month a letter was received in)."""
    return timezone.localtime(moment).date().replace(day=1)


class Channel(models.Model):
    """One way to write to the government, with its own form rules and reply time limit."""

    class Addressee(models.TextChoices):
        LEADER = "leader", _("选择领导")
        ORGANISATION = "organisation", _("选择部门")
        NONE = "none", _("无需选择")

    key = models.SlugField(_("网址标识"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    description = models.TextField(_("说明"), blank=True)
    addressee = models.CharField(
        _("收信对象"), max_length=20, choices=Addressee.choices, default=Addressee.NONE
    )
    reply_days = models.PositiveSmallIntegerField(
        _("答复时限（工作日）"),
        help_text=_(
            "自受理次日起按工作日计算（含调休上班日，不含法定节假日），期限为最后一个工作日的 24 时。"
            "转办、改派不重新计时：期限始终从受理之日起算。"
        ),
    )
    max_attachments = models.PositiveSmallIntegerField(
        _("附件数量上限"),
        default=3,
        help_text=_("写信时最多可上传的附件个数；0 为不接受附件。大小上限在“互动交流设置”中设置。"),
    )
    enabled = models.BooleanField(_("开放"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("互动渠道")
        verbose_name_plural = _("互动渠道")

    def __str__(self) -> str:
        return self.name


# The four channels and their default limits are created by migration 0002.


#: The states of a letter's handling (the transitions are declared in ``states.py``).
STATES = {
    "submitted": _("待甄别"),
    "screened_out": _("不予受理"),
    "accepted": _("已受理"),
    "assigned": _("已转办"),
    "handling": _("办理中"),
    "drafted": _("答复待审核"),
    "reviewed": _("答复已审核"),
    "sent": _("已答复"),
    "reopened": _("不满意重办"),
    "closed": _("已办结"),
}
#: States of a valid letter still waiting for its answer, and of an answered one.
OPEN_STATES = ("submitted", "accepted", "assigned", "handling", "drafted", "reviewed", "reopened")
ANSWERED_STATES = ("sent", "closed")


class Letter(PublicSubmission):
    """A letter from the public (or imported from an external platform) and its handling."""

    TRACKING_PREFIX = "HD"

    class Screening(models.TextChoices):
        SPAM = "spam", _("垃圾信息")
        DUPLICATE = "duplicate", _("重复来信")
        ABUSIVE = "abusive", _("含辱骂或攻击内容")
        OUT_OF_SCOPE = "out_of_scope", _("不属于受理范围")

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        BASIC = "basic", _("基本满意")
        DISSATISFIED = "dissatisfied", _("不满意")

    channel = models.ForeignKey(
        Channel, verbose_name=_("渠道"), on_delete=models.PROTECT, related_name="letters"
    )
    leader = models.ForeignKey(
        "core.Leader",
        verbose_name=_("收信领导"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    addressed_to = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("收信部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("内容"))
    name = EncryptedCharField(_("姓名"), max_length=50)
    phone = EncryptedCharField(_("联系电话"), max_length=30)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    email = EncryptedCharField(_("电子邮箱"), max_length=120)
    address = EncryptedTextField(_("联系地址"))
    publish_consent = models.BooleanField(_("同意公开"), default=False)

    state = models.CharField(
        _("状态"), max_length=20, choices=list(STATES.items()), default="submitted", db_index=True
    )
    screening = models.CharField(_("甄别结果"), max_length=20, choices=Screening.choices, blank=True)
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("重复于"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("承办机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interaction_letters",
    )
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("转办时间"), null=True, blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    replied_by = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("答复部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published = models.BooleanField(_("已公开"), default=False, db_index=True)
    satisfaction = models.CharField(_("满意度"), max_length=20, choices=Satisfaction.choices, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    red_flag = models.BooleanField(_("超60日红色预警"), default=False, db_index=True)
    # Stored for the supervision queue and the statistics (统计公开), kept current at transition
    # time: the due time of the open reply clock, the month of receipt, and the reply's figures.
    reply_due_at = models.DateTimeField(_("答复期限"), null=True, blank=True, editable=False)
    received_month = models.DateField(_("来信月份"), null=True, blank=True, editable=False)
    reply_working_days = models.PositiveSmallIntegerField(
        _("答复用时（工作日）"), null=True, blank=True, editable=False
    )
    replied_on_time = models.BooleanField(_("按期答复"), null=True, blank=True, editable=False)
    alerted_on = models.DateField(null=True, blank=True, editable=False)

    external_source = models.CharField(_("外部平台"), max_length=40, blank=True)
    external_id = models.CharField(_("外部编号"), max_length=64, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("来信")
        verbose_name_plural = _("来信")
        constraints = [
            models.UniqueConstraint(
                fields=["external_source", "external_id"],
                condition=~models.Q(external_id=""),
                name="interaction_letter_external_once",
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "state"]),
            # the supervision queue's order, overall, by state and by organisation
            models.Index(fields=["-red_flag", "reply_due_at", "-submitted_at"], name="interaction_queue_idx"),
            models.Index(
                fields=["state", "-red_flag", "reply_due_at", "-submitted_at"],
                name="interaction_queue_state_idx",
            ),
            models.Index(
                fields=["organisation", "-red_flag", "reply_due_at", "-submitted_at"],
                name="interaction_queue_org_idx",
            ),
            # covers the statistics query: one ordered scan, no table lookups
            models.Index(
                fields=[
                    "organisation",
                    "received_month",
                    "state",
                    "replied_on_time",
                    "reply_working_days",
                    "satisfaction",
                ],
                name="interaction_stats_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.title}"

    def save(self, *args, **kwargs):
        self.phone_index = blind_index(self.phone or "")
        if self.submitted_at is not None:
            self.received_month = month_of(self.submitted_at)
        with transaction.atomic():
            before = LetterFigures.contribution_in_db(self.pk) if self.pk else None
            super().save(*args, **kwargs)
            LetterFigures.move(before, LetterFigures.contribution(self))

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            before = LetterFigures.contribution_in_db(self.pk)
            result = super().delete(*args, **kwargs)
            LetterFigures.move(before, None)
        return result

    def audit_organisation_id(self) -> int | None:
        return self.organisation_id or self.addressed_to_id

    @property
    def received_on(self):
        return timezone.localtime(self.submitted_at).date()


class LetterAttachment(models.Model):
    """A file sent with a letter (``attachments.py``): checked on its content, stored privately
    under a random name, given out only to staff who may see the letter and to its writer."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="attachments")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(upload_to="interaction/letters/%Y/%m/", max_length=200)
    name = models.CharField(_("文件名"), max_length=120)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("来信附件")
        verbose_name_plural = _("来信附件")

    def __str__(self) -> str:
        return self.name


#: The columns a letter's contribution to the statistics is read from.
FIGURE_SOURCES = (
    "organisation_id",
    "received_month",
    "state",
    "replied_on_time",
    "reply_working_days",
    "satisfaction",
)
FIGURE_COUNTS = (
    "received",
    "accepted",
    "answered",
    "on_time",
    "timed",
    "days_total",
    "days_squares",
    "days_n",
    "rated",
    "satisfied",
)


class LetterFigures(models.Model):
    """The statistics' counts of one organisation (0: not assigned yet) and month of receipt,
    kept current as letters are saved (a delta per save) and rebuilt from the letters by the
    nightly job (``statistics.rebuild_figures``) — the statistics page reads ~12 rows per office
    instead of every letter."""

    organisation_key = models.PositiveBigIntegerField(default=0)
    month = models.DateField()
    received = models.IntegerField(default=0)
    accepted = models.IntegerField(default=0)
    answered = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    timed = models.IntegerField(default=0)
    days_total = models.BigIntegerField(default=0)
    days_squares = models.BigIntegerField(default=0)
    days_n = models.IntegerField(default=0)
    rated = models.IntegerField(default=0)
    satisfied = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("来信统计数")
        constraints = [
            models.UniqueConstraint(fields=["month", "organisation_key"], name="interaction_figures_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_key} {self.month:%Y-%m}"

    @staticmethod
    def counts(state, on_time, days, satisfaction) -> tuple[int, ...]:
        """A letter's contribution in the order of :data:`FIGURE_COUNTS`."""
        answered = state in ANSWERED_STATES
        timed_days = answered and days is not None
        return (
            1,
            int(state not in ("submitted", "screened_out")),
            int(answered),
            int(answered and on_time is True),
            int(answered and on_time is not None),
            days if timed_days else 0,
            days * days if timed_days else 0,
            int(timed_days),
            int(bool(satisfaction)),
            int(satisfaction in ("satisfied", "basic")),
        )

    @classmethod
    def contribution(cls, letter) -> tuple | None:
        if letter.received_month is None:
            return None
        key = (letter.organisation_id or 0, letter.received_month)
        counts = cls.counts(
            letter.state, letter.replied_on_time, letter.reply_working_days, letter.satisfaction
        )
        return key, counts

    @classmethod
    def contribution_in_db(cls, pk) -> tuple | None:
        row = Letter.objects.filter(pk=pk).values(*FIGURE_SOURCES).first()
        if row is None or row["received_month"] is None:
            return None
        key = (row["organisation_id"] or 0, row["received_month"])
        counts = cls.counts(
            row["state"], row["replied_on_time"], row["reply_working_days"], row["satisfaction"]
        )
        return key, counts

    @classmethod
    def move(cls, before: tuple | None, after: tuple | None) -> None:
        """Take ``before`` out of its row and add ``after`` to its row (inside a transaction)."""
        if before == after:
            return
        for contribution, sign in ((before, -1), (after, 1)):
            if contribution is None:
                continue
            (org_key, month), counts = contribution
            changes = {
                name: models.F(name) + sign * value for name, value in zip(FIGURE_COUNTS, counts) if value
            }
            rows = cls.objects.filter(organisation_key=org_key, month=month)
            if not rows.update(**changes):
                try:
                    with transaction.atomic():
                        cls.objects.create(
                            organisation_key=org_key,
                            month=month,
                            **{name: sign * value for name, value in zip(FIGURE_COUNTS, counts)},
                        )
                except IntegrityError:  # created meanwhile by another save
                    rows.update(**changes)


@register_setting(icon="mail")
class InteractionSettings(BaseGenericSetting):
    """Who supervises the letters (督办) for the whole district."""

    supervising_office = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("督办机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("负责甄别、受理、转办和督办来信的机构（通常为区政府办公室）；未设置时为区政府。"),
    )
    red_flag_days = models.PositiveSmallIntegerField(
        _("红色预警天数（自然日）"),
        default=60,
        help_text=_("自来信之日起满该自然日数仍未答复的有效来信标红，并每个工作日提醒督办机构。"),
    )
    guard_months = models.PositiveSmallIntegerField(
        _("最长答复期限（月）"),
        default=3,
        help_text=_(
            "按自然月计算：自来信次日起算，至对应日（无对应日为月末）止，末日为法定休息日的顺延至下一工作日。"
            "有效来信超过该期限未答复即为单项否决。"
        ),
    )

    attachment_max_mb = models.PositiveSmallIntegerField(
        _("单个附件大小上限（MB）"), default=5, help_text=_("来信附件每个文件的大小上限。")
    )
    attachment_total_mb = models.PositiveSmallIntegerField(
        _("附件合计大小上限（MB）"),
        default=10,
        help_text=_("一封来信全部附件的合计大小上限（前端服务器的请求大小限制须不小于此值）。"),
    )

    class Meta:
        verbose_name = _("互动交流设置")


from .participation.models import *  # noqa: E402, F403 — surveys, consultations, interviews
