"""The standard disclosure catalogue (公开事项标准目录, 国办发〔2019〕54号; STANDARDS.md §5).

Each :class:`CatalogueEntry` is one item an organisation must disclose, with every field of the
standard, and the column(s) where it is published; the compliance check and the XLSX import and
export are in :mod:`.compliance` and :mod:`.catalogue_xlsx`. :class:`StandardCataloguePage` shows
the catalogue to the public, per organisation and level.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.core.models import BasePage, Organisation

#: 公开渠道和载体 (STANDARDS.md §5), in the standard's order.
CHANNELS = [
    "政府网站",
    "公报",
    "两微一端",
    "发布会",
    "广电",
    "纸媒",
    "查阅点",
    "政务服务中心",
    "便民服务站",
    "入户",
    "公示栏",
    "精准推送",
    "12345",
]
DEFAULT_TIME_LIMIT_DAYS = 20


class CatalogueEntryForm(WagtailAdminModelForm):
    """The channels are a set of the standard's channels, chosen by ticking them."""

    channels = forms.MultipleChoiceField(
        label=_("公开渠道和载体"),
        choices=[(c, c) for c in CHANNELS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class CatalogueEntry(ClusterableModel):
    """One item of the standard disclosure catalogue of one organisation."""

    class Level(models.TextChoices):
        DISTRICT = "district", _("区级")
        STREET = "street", _("街道级")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("全社会")
        GROUP = "group", _("特定群体")

    class Mode(models.TextChoices):
        PROACTIVE = "proactive", _("主动")
        ON_REQUEST = "on_request", _("依申请")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("公开主体"), on_delete=models.PROTECT, related_name="catalogue_entries"
    )
    domain = models.CharField(_("试点领域"), max_length=60, help_text=_("如：义务教育、社会救助、城乡规划。"))
    item_level1 = models.CharField(_("一级事项"), max_length=100)
    item_level2 = models.CharField(_("二级事项"), max_length=150)
    content = models.TextField(_("公开内容（要素）"))
    basis = models.TextField(_("公开依据"))
    time_limit = models.CharField(_("公开时限"), max_length=200, default="信息形成或者变更之日起20个工作日内")
    time_limit_days = models.PositiveSmallIntegerField(
        _("公开时限（工作日）"),
        default=DEFAULT_TIME_LIMIT_DAYS,
        help_text=_("合规检查按此天数自触发事件次日起计算工作日。"),
    )
    channels = models.JSONField(_("公开渠道和载体"), default=list, blank=True)
    audience = models.CharField(
        _("公开对象"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    mode = models.CharField(_("公开方式"), max_length=12, choices=Mode.choices, default=Mode.PROACTIVE)
    level = models.CharField(_("公开层级"), max_length=10, choices=Level.choices, default=Level.DISTRICT)
    event_on = models.DateField(
        _("触发事件日期"),
        null=True,
        blank=True,
        help_text=_("最近一次信息形成或者变更的日期；填写后按公开时限检查，未填写时按栏目承诺更新频率检查。"),
    )
    columns = ParentalManyToManyField(
        "pages.ColumnPage", verbose_name=_("发布栏目"), blank=True, related_name="catalogue_entries"
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    base_form_class = CatalogueEntryForm
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("organisation"), FieldPanel("level")]),
                FieldPanel("domain"),
                FieldRowPanel([FieldPanel("item_level1"), FieldPanel("item_level2")]),
            ],
            heading=_("公开事项"),
        ),
        FieldPanel("content"),
        FieldPanel("basis"),
        FieldRowPanel([FieldPanel("time_limit"), FieldPanel("time_limit_days")]),
        FieldPanel("channels"),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("mode")]),
        FieldPanel("columns"),
        FieldRowPanel([FieldPanel("event_on"), FieldPanel("sort_order")]),
    ]

    class Meta:
        ordering = ["organisation__sort_order", "sort_order", "item_level1", "item_level2", "pk"]
        verbose_name = _("公开事项")
        verbose_name_plural = _("公开事项标准目录")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "item_level1", "item_level2"], name="disclosure_catalogue_item_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_level1} · {self.item_level2}"

    def clean(self) -> None:
        super().clean()
        unknown = [c for c in self.channels or [] if c not in CHANNELS]
        if unknown:
            raise ValidationError(
                {"channels": _("未知的公开渠道：%(names)s。") % {"names": "、".join(unknown)}}
            )
        if (
            self.organisation_id
            and self.level == self.Level.STREET
            and self.organisation.kind
            not in (
                Organisation.Kind.STREET,
                Organisation.Kind.COMMUNITY,
            )
        ):
            raise ValidationError({"level": _("街道级事项的公开主体应为街道或社区。")})

    @property
    def channel_text(self) -> str:
        return "、".join(self.channels or [])


class StandardCataloguePage(RoutablePageMixin, BasePage):
    """公开事项标准目录: the catalogue of every organisation, by level, with its columns."""

    intro = RichTextField(_("说明"), blank=True)
    is_container = True
    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("公开事项标准目录")

    @path("")
    def index_route(self, request):
        entries = CatalogueEntry.objects.select_related("organisation").prefetch_related("columns")
        level = request.GET.get("level", "")
        if level in CatalogueEntry.Level.values:
            entries = entries.filter(level=level)
        org_slug = request.GET.get("org", "")
        if org_slug:
            entries = entries.filter(organisation__slug=org_slug)
        domain = request.GET.get("domain", "")
        if domain:
            entries = entries.filter(domain=domain)
        groups: dict = {}
        for entry in entries:
            groups.setdefault(entry.organisation, []).append(entry)
        organisations = Organisation.objects.filter(catalogue_entries__isnull=False).distinct()
        domains = CatalogueEntry.objects.order_by("domain").values_list("domain", flat=True).distinct()
        return self.render(
            request,
            context_overrides={
                "groups": list(groups.items()),
                "organisations": organisations,
                "domains": list(domains),
                "levels": CatalogueEntry.Level.choices,
                "current": {"level": level, "org": org_slug, "domain": domain},
                "total": sum(len(v) for v in groups.values()),
            },
        )

    def get_cached_paths(self):
        return ["/"]
