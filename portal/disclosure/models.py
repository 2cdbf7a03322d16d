"""Policy documents (政策文件) and the organisation and leader directories (机构职能, 领导信息)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.core.models import BasePage, Leader, Organisation
from portal.core.models.base_page import accountable_organisation_id
from portal.pages.blocks import RICH_TEXT_FEATURES

from .index_numbers import IndexNumberSequence, allocate_index_number

__all__ = [
    "IndexNumberSequence",
    "LeaderDirectoryPage",
    "OrganisationDirectoryPage",
    "PolicyAttachment",
    "PolicyDocumentPage",
]

TOPIC_CHOICES = [
    (t, t)
    for t in [
        "综合政务",
        "国民经济管理、国有资产监管",
        "财政、金融、审计",
        "国土资源、能源",
        "农业、林业、水利",
        "工业、交通",
        "商贸、海关、旅游",
        "市场监管、安全生产监管",
        "城乡建设、环境保护",
        "科技、教育",
        "文化、广电、新闻出版",
        "卫生、体育",
        "人口与计划生育、妇女儿童工作",
        "劳动、人事、监察",
        "公安、安全、司法",
        "民政、扶贫、救灾",
        "民族、宗教",
        "对外事务",
        "港澳台侨工作",
        "国防",
        "其他",
    ]
]
GENRE_CHOICES = [
    (g, g)
    for g in [
        "决定",
        "命令（令）",
        "公报",
        "公告",
        "通告",
        "意见",
        "通知",
        "通报",
        "报告",
        "请示",
        "批复",
        "议案",
        "函",
        "纪要",
        "规定",
        "办法",
        "细则",
        "方案",
        "规划",
        "其他",
    ]
]


OWNER_REQUIRED = _(
    "请选择责任机构：政策文件的索引号按责任机构的统一社会信用代码编制（所在栏目也未指定责任机构）。"
)


class PolicyDocumentForm(WagtailAdminPageForm):
    """The owner is required before the page is in the tree, where the model cannot yet see
    the column it would inherit one from."""

    def clean(self):
        cleaned = super().clean()
        inherited = accountable_organisation_id(self.parent_page) if self.parent_page else None
        if (
            not cleaned.get("owner_organisation")
            and not inherited
            and not self.instance.owner_organisation_id
        ):
            self.add_error("owner_organisation", OWNER_REQUIRED)
        return cleaned


class PolicyDocumentPage(BasePage):
    """A policy document with its disclosure metadata and validity."""

    class Validity(models.TextChoices):
        IN_FORCE = "in_force", _("有效")
        EXPIRED = "expired", _("失效")
        REPEALED = "repealed", _("废止")
        REVISED = "revised", _("已修订")

    index_number = models.CharField(
        _("索引号"),
        max_length=40,
        null=True,
        blank=True,
        editable=False,
        help_text=_("保存时按机构代码和年度顺序号自动生成，不可修改，不重复使用。"),
    )
    document_number = models.CharField(_("文号"), max_length=80, blank=True)
    issuing_organ = models.CharField(_("发文机关"), max_length=200, blank=True)
    written_date = models.DateField(_("成文日期"), null=True, blank=True)
    topic = models.CharField(_("主题分类"), max_length=40, choices=TOPIC_CHOICES, default="综合政务")
    genre = models.CharField(_("体裁"), max_length=20, choices=GENRE_CHOICES, default="通知")
    is_normative = models.BooleanField(_("规范性文件"), default=False)
    validity = models.CharField(
        _("有效性"), max_length=20, choices=Validity.choices, default=Validity.IN_FORCE
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("替代文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        help_text=_("废止或修订后，指向取代本文件的新文件。"),
    )
    validity_changed_on = models.DateField(_("有效性变更日期"), null=True, blank=True)
    expires_on = models.DateField(
        _("有效期至"),
        null=True,
        blank=True,
        help_text=_("文件规定了有效期的，填写有效期的最后一天；未规定的留空。"),
    )
    validity_note = models.CharField(_("有效性说明"), max_length=300, blank=True)
    body = RichTextField(_("正文"), features=RICH_TEXT_FEATURES)

    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("issuing_organ")]),
                FieldRowPanel([FieldPanel("written_date"), FieldPanel("date")]),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("genre")]),
                FieldPanel("owner_organisation"),
                FieldPanel("is_normative"),
            ],
            heading=_("文件属性"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("validity"),
                FieldPanel("replaced_by"),
                FieldPanel("validity_changed_on"),
                FieldPanel("expires_on"),
                FieldPanel("validity_note"),
            ],
            heading=_("有效性"),
        ),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("附件"), label=_("附件")),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("document_number"),
        index.SearchField("issuing_organ"),
        index.SearchField("index_number"),
        index.SearchField("body"),
        index.FilterField("validity"),
        index.FilterField("topic"),
    ]

    # 索引号 is a metadata field, not prose: the text checks leave it alone.
    content_check_exclude = ("index_number",)
    base_form_class = PolicyDocumentForm

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")
        constraints = [
            # Unique once allocated; NULL until the page has an owner to number it by.
            models.UniqueConstraint(
                fields=["index_number"],
                condition=models.Q(index_number__isnull=False),
                name="disclosure_policy_index_number_unique",
            )
        ]

    def clean(self):
        super().clean()
        if self.depth and not self.owner_organisation_id:
            raise ValidationError({"owner_organisation": OWNER_REQUIRED})
        in_force = self.validity == self.Validity.IN_FORCE
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            raise ValidationError({"replaced_by": _("文件不能被自己替代。")})
        if in_force and self.replaced_by_id:
            raise ValidationError({"replaced_by": _("有效的文件不应指定替代文件；请先修改有效性。")})
        if self.validity == self.Validity.REVISED and not self.replaced_by_id:
            raise ValidationError({"replaced_by": _("已修订的文件须指向修订后的文件。")})

    def save(self, *args, **kwargs):
        self.index_number = self.index_number or None
        if not self.issuing_organ and self.owner_organisation_id:
            self.issuing_organ = self.owner_organisation.name
        super().save(*args, **kwargs)
        if not self.index_number and self.owner_organisation_id:
            year = timezone.localtime(self.date).year if self.date else timezone.localdate().year
            self.index_number = allocate_index_number(self.owner_organisation.code, year)
            type(self).objects.filter(pk=self.pk).update(index_number=self.index_number)

    NOT_IN_FORCE_NOTICES = {
        Validity.EXPIRED: _("本文件已失效"),
        Validity.REPEALED: _("本文件已废止"),
        Validity.REVISED: _("本文件已被修订"),
    }

    @property
    def not_in_force_notice(self) -> str:
        return str(self.NOT_IN_FORCE_NOTICES.get(self.validity, ""))

    @property
    def in_force(self) -> bool:
        return self.validity == self.Validity.IN_FORCE

    def source_name(self) -> str:
        return self.issuing_organ or super().source_name()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = list(self.attachments.select_related("document"))
        context["replaced_documents"] = list(self.replaces.all()) if self.pk else []
        return context


class PolicyAttachment(Orderable):
    page = ParentalKey(PolicyDocumentPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("显示名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class GeneratedDirectoryPage(RoutablePageMixin, BasePage):
    """A page whose sub-pages are generated from core records, one per ``entry_slugs()``."""

    intro = RichTextField(_("说明"), blank=True)
    is_container = True
    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    detail_route: str = ""

    class Meta:
        abstract = True

    def entry_slugs(self):
        raise NotImplementedError

    def get_cached_paths(self):
        """The directory and each generated entry: a front cache purges them together."""
        return ["/", *(f"{slug}/" for slug in self.entry_slugs())]

    def url_for(self, entry) -> str:
        return self.url + self.reverse_subpage(self.detail_route, kwargs={"slug": entry.slug})

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for slug in self.entry_slugs():
            urls.append({"location": f"{base}{slug}/", "lastmod": self.last_published_at})
        return urls


class OrganisationDirectoryPage(GeneratedDirectoryPage):
    """机构职能: one page per organisation, generated from the organisation tree."""

    detail_route = "organisation_route"

    class Meta:
        verbose_name = _("机构职能目录")

    @path("")
    def index_route(self, request):
        district = Organisation.objects.filter(parent__isnull=True).first()
        departments = Organisation.objects.filter(kind=Organisation.Kind.DEPARTMENT)
        streets = Organisation.objects.filter(kind=Organisation.Kind.STREET).prefetch_related("children")
        return self.render(
            request,
            context_overrides={"district": district, "departments": departments, "streets": streets},
        )

    @path("<slug:slug>/")
    def organisation_route(self, request, slug):
        from portal.pages.models import organisation_columns

        organisation = get_object_or_404(Organisation, slug=slug)
        return self.render(
            request,
            template="disclosure/organisation_detail.html",
            context_overrides={
                "organisation": organisation,
                "leaders": organisation.leaders.all(),
                "columns": organisation_columns(organisation),
                "children": organisation.children.all(),
                "extra_crumb": organisation.name,
            },
        )

    def entry_slugs(self):
        return Organisation.objects.values_list("slug", flat=True)


class LeaderDirectoryPage(GeneratedDirectoryPage):
    """领导信息: leaders of the district and its organisations, generated from the tree."""

    detail_route = "leader_route"

    class Meta:
        verbose_name = _("领导信息目录")

    @path("")
    def index_route(self, request):
        groups = [
            (org, list(org.leaders.all()))
            for org in Organisation.objects.exclude(kind=Organisation.Kind.COMMUNITY).prefetch_related(
                "leaders__photo"
            )
        ]
        return self.render(request, context_overrides={"groups": [(o, ls) for o, ls in groups if ls]})

    @path("<slug:slug>/")
    def leader_route(self, request, slug):
        leader = Leader.objects.select_related("organisation", "photo").filter(slug=slug).first()
        if leader is None:
            raise Http404
        return self.render(
            request,
            template="disclosure/leader_detail.html",
            context_overrides={
                "leader": leader,
                "colleagues": leader.organisation.leaders.exclude(pk=leader.pk),
                "extra_crumb": leader.name,
            },
        )

    def entry_slugs(self):
        return Leader.objects.values_list("slug", flat=True)


# The disclosure platform, the standard catalogue and the concern topics have modules of their
# own (which never import this one); Django finds their models through these names.
from .annual import AnnualReport  # noqa: E402
from .catalogue import CatalogueEntry, StandardCataloguePage  # noqa: E402
from .concerns import ConcernCataloguePage, ConcernLink, ConcernTopic  # noqa: E402
from .platform import DisclosureGuide, DisclosurePlatformPage  # noqa: E402
from .requests import DisclosureRequest  # noqa: E402

__all__ += [
    "AnnualReport",
    "CatalogueEntry",
    "ConcernCataloguePage",
    "ConcernLink",
    "ConcernTopic",
    "DisclosureGuide",
    "DisclosurePlatformPage",
    "DisclosureRequest",
    "StandardCataloguePage",
]
