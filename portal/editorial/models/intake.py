"""Documents pushed by the office system (OA): tokens and the stored submissions."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Page, get_page_models

from portal.core.models.base_page import accountable_organisation_id


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class IntakeClientForm(WagtailAdminModelForm):
    """Only columns are offered as the columns a client may target."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "columns" in self.fields:
            kinds = [
                ContentType.objects.get_for_model(m).pk
                for m in get_page_models()
                if getattr(m, "is_column", False)
            ]
            self.fields["columns"].queryset = Page.objects.filter(content_type__in=kinds).order_by("path")


class IntakeClient(models.Model):
    """A calling system (an office system of one organisation) and what it may push to.

    It may target the columns listed (and the columns below them); with none listed, the
    columns its organisation (or an organisation below it) is answerable for. It sees and
    updates only the documents it pushed itself.
    """

    name = models.CharField(_("调用方"), max_length=100, unique=True)
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("所属机构"), on_delete=models.PROTECT, related_name="+"
    )
    columns = models.ManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("可推送的栏目"),
        blank=True,
        related_name="+",
        help_text=_("留空表示本机构及下属机构负责的栏目。"),
    )
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    base_form_class = IntakeClientForm

    class Meta:
        verbose_name = _("推送接口调用方")
        verbose_name_plural = _("推送接口调用方")

    def __str__(self) -> str:
        return self.name

    def may_target(self, column) -> bool:
        listed = list(self.columns.all())
        if listed:
            return any(column.pk == c.pk or column.is_descendant_of(c) for c in listed)
        owner_id = accountable_organisation_id(column)
        own = {self.organisation_id, *(o.pk for o in self.organisation.descendants())}
        return owner_id is not None and owner_id in own


class IntakeToken(models.Model):
    """An API key of one client; only its hash is stored."""

    client = models.ForeignKey(
        IntakeClient, verbose_name=_("调用方"), null=True, on_delete=models.CASCADE, related_name="tokens"
    )
    name = models.CharField(_("名称"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("前缀"), max_length=8, editable=False)
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, client: IntakeClient, name: str = "") -> tuple[IntakeToken, str]:
        """Create a token of ``client``; the raw key is returned once and never stored."""
        raw = secrets.token_urlsafe(32)
        token = cls.objects.create(
            client=client, name=name or client.name, key_hash=hash_token(raw), prefix=raw[:8]
        )
        return token, raw

    @classmethod
    def authenticate(cls, raw: str) -> IntakeToken | None:
        if not raw or len(raw) > 200:
            return None
        return (
            cls.objects.filter(key_hash=hash_token(raw), active=True, client__active=True)
            .select_related("client__organisation")
            .first()
        )


class IntakeDocument(models.Model):
    """One client's document: its ``external_id`` maps to one page, whatever the races."""

    client = models.ForeignKey(IntakeClient, on_delete=models.CASCADE, related_name="documents")
    external_id = models.CharField(_("外部编号"), max_length=100)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_payload = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "external_id"], name="editorial_intake_document_unique")
        ]
        verbose_name = _("推送文件")
        verbose_name_plural = _("推送文件")

    def __str__(self) -> str:
        return f"{self.client} · {self.external_id}"


class IntakeSubmission(models.Model):
    """One push from the OA, stored before it is processed so nothing is lost."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("已接收")
        INVALID = "invalid", _("数据有误")
        IN_REVIEW = "in_review", _("审核中")
        PUBLISHED = "published", _("已发布")
        REJECTED = "rejected", _("已退回")
        FAILED = "failed", _("处理失败")

    external_id = models.CharField(_("外部编号"), max_length=100, db_index=True)
    client = models.ForeignKey(
        IntakeClient, verbose_name=_("调用方"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    token = models.ForeignKey(IntakeToken, null=True, on_delete=models.SET_NULL, related_name="+")
    payload = models.JSONField(_("原始数据"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    errors = models.JSONField(_("错误"), default=dict, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(_("接收时间"), auto_now_add=True)
    processed_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("OA 推送记录")
        verbose_name_plural = _("OA 推送记录")

    def __str__(self) -> str:
        return f"{self.external_id} · {self.get_status_display()}"
