"""Administrator settings of the review routing (发布审核设置)."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="tasks")
class ReviewRouting(ClusterableModel, BaseGenericSetting):
    fallback_organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("兜底审核机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "栏目所属机构及其上级机构都没有相应审核人员时，审核步骤转由该机构（如区政府办公室）办理，"
            "并提醒网站管理员补充人员。"
        ),
    )
    same_reviewer_allowed = ParentalManyToManyField(
        "core.Organisation",
        verbose_name=_("允许同一人审核多个步骤的机构"),
        blank=True,
        related_name="+",
        help_text=_(
            "默认同一篇稿件的各审核步骤须由不同人员办理（三审分离）；本机构确无其他人员时，"
            "步骤转由上级机构办理。只有在此列出的机构，同一人可以连续审核。"
        ),
    )

    panels = [
        FieldPanel("fallback_organisation"),
        FieldPanel("same_reviewer_allowed", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        verbose_name = _("审核分派")
