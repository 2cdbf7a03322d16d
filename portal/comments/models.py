"""Public comments (评论) on any page of a column that allows them, with the owning
organisation's reply; and the columns that allow them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel

from portal.core.personal_data import EncryptedCharField
from portal.core.submissions import PublicSubmission


class CommentColumn(models.Model):
    """A column whose pages (articles, interpretations, packages …) take public comments."""

    column = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("栏目"), on_delete=models.CASCADE, related_name="+"
    )
    enabled = models.BooleanField(_("开放评论"), default=True)

    panels = [PageChooserPanel("column", page_type="pages.ColumnPage"), FieldPanel("enabled")]

    class Meta:
        verbose_name = _("开放评论的栏目")
        verbose_name_plural = _("开放评论的栏目")

    def __str__(self) -> str:
        return self.column.title


class Comment(PublicSubmission):
    """One comment: published at once, held for moderation (a sensitive word, or no proof of
    work), or rejected with a reason; the organisation may reply."""

    TRACKING_PREFIX = "PL"

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        PUBLISHED = "published", _("已公开")
        REJECTED = "rejected", _("未通过")

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("评论的页面"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("责任机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("评论内容"))
    phone = EncryptedCharField(_("联系电话"), max_length=30, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    held_for = models.CharField(_("待审原因"), max_length=200, blank=True)
    reject_reason = models.CharField(_("不予公开理由"), max_length=300, blank=True)
    reply = models.TextField(_("机构回复"), blank=True)
    replied_at = models.DateTimeField(_("回复时间"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("评论")
        verbose_name_plural = _("评论")

    def __str__(self) -> str:
        return self.tracking_number

    def audit_organisation_id(self) -> int | None:
        return self.organisation_id
