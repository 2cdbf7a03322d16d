"""Service guides (办事指南), places of the service map, scenario flows (一件事) and ratings (好差评)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.core.models import BasePage
from portal.core.personal_data import EncryptedCharField
from portal.core.submissions import PublicSubmission

from .vocabulary import AUDIENCES, ITEM_TYPES, LIFE_EVENTS, LIFECYCLE, PLACE_CATEGORIES


def guide_hook(item) -> dict:
    """What a guide page adds to its context; set by the services module (no import circle)."""
    return {}


class ServicePlace(index.Indexed, models.Model):
    """A place of the public service map (便民服务地图): a service hall, a hospital, a public toilet …"""

    name = models.CharField(_("名称"), max_length=100)
    slug = models.SlugField(_("网址标识"), max_length=80, unique=True)
    category = models.CharField(_("类别"), max_length=30, choices=PLACE_CATEGORIES, db_index=True)
    street = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("所在街道"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "street"},
    )
    community = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("所在社区"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "community"},
    )
    address = models.CharField(_("地址"), max_length=200)
    latitude = models.FloatField(_("纬度"))
    longitude = models.FloatField(_("经度"))
    hours = models.CharField(_("开放时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=60, blank=True)
    accessibility = models.CharField(
        _("无障碍设施"),
        max_length=200,
        blank=True,
        help_text=_("如：无障碍通道、无障碍卫生间、轮椅借用，以顿号分隔。"),
    )
    description = models.TextField(_("简介"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("street"), FieldPanel("community")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldRowPanel([FieldPanel("hours"), FieldPanel("phone")]),
        FieldPanel("accessibility"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("address"), index.FilterField("category")]

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("便民服务地点")
        verbose_name_plural = _("便民服务地点")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        errors = {}
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = _("纬度应在 -90 至 90 之间。")
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = _("经度应在 -180 至 180 之间。")
        if errors:
            raise ValidationError(errors)

    def accessibility_list(self) -> list[str]:
        return [a.strip() for a in self.accessibility.replace("，", "、").split("、") if a.strip()]


class ServiceItemPage(BasePage):
    """One service item's guide (办事指南) with the fields the national inspection requires.

    The implementing organisation (实施主体/办理机构) is the page's accountable organisation.
    """

    code = models.CharField(_("事项编码"), max_length=60, blank=True, db_index=True)
    item_type = models.CharField(_("事项类型"), max_length=20, choices=ITEM_TYPES, default="public_service")
    audience = models.CharField(_("服务对象"), max_length=10, choices=AUDIENCES, default="person")
    life_event = models.CharField(_("人生事件"), max_length=20, choices=LIFE_EVENTS, blank=True)
    lifecycle = models.CharField(_("企业生命周期"), max_length=20, choices=LIFECYCLE, blank=True)
    conditions = RichTextField(_("申请条件"), blank=True, features=["bold", "ol", "ul", "link"])
    place_note = models.CharField(
        _("办理地点说明"), max_length=300, blank=True, help_text=_("如窗口号；地点本身请在“办理地点”中选择。")
    )
    places = ParentalManyToManyField(
        ServicePlace, verbose_name=_("办理地点"), blank=True, related_name="items"
    )
    hours = models.CharField(_("办理时间"), max_length=200, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=60, blank=True)
    supervision_phone = models.CharField(_("监督电话"), max_length=60, blank=True)
    fees = models.CharField(_("收费标准"), max_length=300, blank=True, help_text=_("不收费的填写“不收费”。"))
    legal_days = models.PositiveSmallIntegerField(_("法定时限（工作日）"), null=True, blank=True)
    promised_days = models.PositiveSmallIntegerField(
        _("承诺时限（工作日）"), null=True, blank=True, help_text=_("0 表示即办。")
    )
    visits = models.PositiveSmallIntegerField(_("到现场次数"), null=True, blank=True)
    online_url = models.URLField(_("在线办理地址"), blank=True)
    featured = models.BooleanField(
        _("重点办事服务指引"), default=False, help_text=_("在首页“重点办事服务指引”中展示。")
    )
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("前置事项"),
        blank=True,
        symmetrical=False,
        related_name="followups",
        help_text=_("须先办结的事项；场景式服务据此排列办理顺序。"),
    )
    initial = models.CharField(max_length=1, blank=True, editable=False, db_index=True)

    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("item_type")]),
                FieldPanel("owner_organisation"),
                FieldRowPanel([FieldPanel("audience"), FieldPanel("life_event"), FieldPanel("lifecycle")]),
                FieldPanel("featured"),
            ],
            heading=_("事项属性"),
        ),
        InlinePanel("basis", heading=_("设定依据"), label=_("依据")),
        FieldPanel("conditions"),
        InlinePanel("materials", heading=_("办理材料"), label=_("材料")),
        MultiFieldPanel(
            [FieldPanel("places"), FieldPanel("place_note"), FieldPanel("hours")], heading=_("办理地点和时间")
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("phone"), FieldPanel("supervision_phone")]), FieldPanel("fees")],
            heading=_("咨询和收费"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("legal_days"), FieldPanel("promised_days"), FieldPanel("visits")])],
            heading=_("办理时限"),
        ),
        InlinePanel("steps", heading=_("办理流程"), label=_("步骤")),
        FieldPanel("online_url"),
        FieldPanel("prerequisites"),
        InlinePanel("faqs", heading=_("常见问题"), label=_("问答")),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("code"),
        index.SearchField("conditions"),
        index.FilterField("audience"),
    ]
    content_check_exclude = ("code", "initial", "online_url")

    class Meta:
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")

    def save(self, *args, **kwargs):
        from .text import initial_of

        self.initial = initial_of(self.title)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(guide_hook(self))
        return context


class ServiceBasis(Orderable):
    """设定依据: a law, regulation or policy document, linked when it is on the site."""

    item = ParentalKey(ServiceItemPage, on_delete=models.CASCADE, related_name="basis")
    name = models.CharField(_("依据名称"), max_length=200)
    article = models.CharField(_("条款"), max_length=100, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("本站政策文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("外部链接"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("article")]),
        FieldPanel("page"),
        FieldPanel("url"),
    ]

    def link(self) -> str:
        if self.page_id and self.page.live:
            return self.page.url or ""
        return self.url


class ServiceMaterial(Orderable):
    """办理材料: one document the applicant brings or uploads."""

    class Form(models.TextChoices):
        ORIGINAL = "original", _("原件")
        COPY = "copy", _("复印件")
        BOTH = "both", _("原件和复印件")
        ELECTRONIC = "electronic", _("电子材料")

    item = ParentalKey(ServiceItemPage, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField(_("材料名称"), max_length=200)
    form = models.CharField(_("材料形式"), max_length=20, choices=Form.choices, default=Form.ORIGINAL)
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    source = models.CharField(
        _("来源渠道"), max_length=100, blank=True, help_text=_("如：申请人自备、公安机关")
    )
    required = models.BooleanField(_("必要材料"), default=True)
    condition = models.CharField(_("容缺或适用情形"), max_length=200, blank=True)
    sample = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("示例样表"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    blank_form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("空白表格"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("form"), FieldPanel("copies")]),
        FieldRowPanel([FieldPanel("source"), FieldPanel("required"), FieldPanel("condition")]),
        FieldRowPanel([FieldPanel("sample"), FieldPanel("blank_form")]),
    ]


class ServiceStep(Orderable):
    item = ParentalKey(ServiceItemPage, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("步骤"), max_length=100)
    description = models.TextField(_("说明"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("description")]


class ServiceFAQ(Orderable):
    item = ParentalKey(ServiceItemPage, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(_("问题"), max_length=200)
    answer = models.TextField(_("解答"))

    panels = [FieldPanel("question"), FieldPanel("answer")]


class ScenarioFlow(models.Model):
    """A scenario service (一件事): questions whose answers select service items.

    ``definition`` holds the questions (see docs/services.md); ``examples`` the regression cases
    (answers → expected item codes), checked on save and in the test suite.
    """

    slug = models.SlugField(_("网址标识"), max_length=80, unique=True)
    title = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("说明"), blank=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("牵头机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = models.CharField(_("服务对象"), max_length=10, choices=AUDIENCES, default="person")
    definition = models.JSONField(_("问题流程"), default=dict)
    examples = models.JSONField(_("回归样例"), default=list, blank=True)
    live = models.BooleanField(_("已发布"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)

    # The admin edits a flow with the structured editor of flow_editor.py (wagtail_hooks.py).

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("场景式服务")
        verbose_name_plural = _("场景式服务")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        from .flows import FlowError, check_examples, validate

        live_codes = set(
            ServiceItemPage.objects.live().public().exclude(code="").values_list("code", flat=True)
        )
        try:
            flow = validate(self.definition, live_codes)
        except FlowError as error:
            raise ValidationError({"definition": error.messages}) from None
        problems = check_examples(flow, self.examples or [])
        if problems:
            raise ValidationError({"examples": problems})


class ServiceRating(PublicSubmission):
    """A rating of a guide (好差评, 一事一评): five levels, an optional comment."""

    TRACKING_PREFIX = "PJ"

    class Level(models.IntegerChoices):
        VERY_SATISFIED = 5, _("非常满意")
        SATISFIED = 4, _("满意")
        BASIC = 3, _("基本满意")
        DISSATISFIED = 2, _("不满意")
        VERY_DISSATISFIED = 1, _("非常不满意")

    item = models.ForeignKey(
        ServiceItemPage, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="ratings"
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("责任机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    level = models.PositiveSmallIntegerField(_("评价"), choices=Level.choices)
    comment = models.TextField(_("意见建议"), blank=True)
    name = EncryptedCharField(_("姓名"), max_length=50, blank=True)
    phone = EncryptedCharField(_("联系电话"), max_length=30, blank=True)
    response = models.TextField(_("整改回复"), blank=True)
    followed_up_at = models.DateTimeField(_("回访时间"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("好差评")
        verbose_name_plural = _("好差评")

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.get_level_display()}"

    @property
    def is_bad(self) -> bool:
        return self.level <= self.Level.DISSATISFIED

    def audit_organisation_id(self) -> int | None:
        return self.organisation_id


@register_setting(icon="list-ul")
class ServiceSettings(BaseGenericSetting):
    followup_days = models.PositiveSmallIntegerField(
        _("差评整改期限（工作日）"),
        default=15,
        help_text=_(
            "差评自提交次日起按工作日计算（含调休上班日，不含法定节假日），到期日 24 时前须回访整改。"
        ),
    )
    veto_items = models.PositiveSmallIntegerField(
        _("单项否决事项数"), default=5, help_text=_("缺少关键要素的事项达到该数量即判定“服务不实用”。")
    )
    veto_fields = models.PositiveSmallIntegerField(
        _("单项否决缺项数"), default=4, help_text=_("一个事项缺少的关键要素达到该数量，计入单项否决。")
    )

    class Meta:
        verbose_name = _("办事服务设置")
