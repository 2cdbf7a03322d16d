"""Documents pushed by the office system (OA): tokens and the stored submissions."""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class IntakeToken(models.Model):
    """An API key for one calling system; only its hash is stored."""

    name = models.CharField(_("调用方"), max_length=100)
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
    def issue(cls, name: str) -> tuple[IntakeToken, str]:
        """Create a token; the raw key is returned once and never stored."""
        raw = secrets.token_urlsafe(32)
        token = cls.objects.create(name=name, key_hash=hash_token(raw), prefix=raw[:8])
        return token, raw

    @classmethod
    def authenticate(cls, raw: str) -> IntakeToken | None:
        if not raw:
            return None
        return cls.objects.filter(key_hash=hash_token(raw), active=True).first()


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
