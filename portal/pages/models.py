"""Portal page types: home page, columns (栏目, at most three levels) and articles."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.core.list_annotations import annotate
from portal.core.models import BasePage, Organisation
from portal.core.routing import chain_of
from portal.core.visibility import public

from .blocks import ArticleBodyBlock, QuickLinkBlock
from .column_types import column_type_choices, list_template_for
from .home_sections import home_page_context

MAX_COLUMN_LEVELS = 3
LIST_PAGE_SIZE = 20


def column_level_under(parent: Page) -> int:
    """The level a new column would have under ``parent`` (1 = directly below the home page)."""
    levels = 1
    for node in [parent, *parent.get_ancestors()]:
        if getattr(node.specific, "is_column", False):
            levels += 1
    return levels


def depth_error(parent: Page) -> str | None:
    if column_level_under(parent) > MAX_COLUMN_LEVELS:
        return _(
            "栏目最多设置三级：“%(parent)s”已是第三级栏目，不能在其下再建栏目。"
            "请将内容发布为文章，或调整栏目结构。"
        ) % {"parent": parent.title}
    return None


class FeedRoutesMixin(RoutablePageMixin):
    """RSS 2.0 and Atom feeds of the items below a page."""

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        from .feeds import ItemsRssFeed

        return ItemsRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import ItemsAtomFeed

        return ItemsAtomFeed(self)(request)

    def feed_items(self):
        return BasePage.items().descendant_of(self).specific()

    def get_cached_paths(self):
        """What a front cache keeps of this page: the page and its feeds (purged together)."""
        return ["/", "feed/rss/", "feed/atom/"]


class HomePage(FeedRoutesMixin, BasePage):
    """A site's home page (the Chinese portal and the English site each have one)."""

    intro = models.CharField(_("网站简介"), max_length=300, blank=True)
    entry_points = StreamField(
        [("link", QuickLinkBlock())],
        verbose_name=_("板块入口"),
        blank=True,
        help_text=_("首页上的政务公开、政务服务、互动交流、数据开放等入口。"),
    )
    quick_links = StreamField(
        [("link", QuickLinkBlock())],
        verbose_name=_("快捷链接"),
        blank=True,
    )

    is_container = True
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.ColumnPage"]
    max_count_per_parent = 2

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("entry_points"),
        FieldPanel("quick_links"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("owner_organisation")]

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's cached body is stale (pages/home_page.html).
        context["home_sections"] = SimpleLazyObject(lambda: home_page_context(self, request))
        return context


class ColumnPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        parent = self.parent_page if self.instance._state.adding else self.instance.get_parent()
        if parent is not None:
            message = depth_error(parent)
            if message:
                raise ValidationError(message)
        return cleaned


class ColumnPage(FeedRoutesMixin, BasePage):
    """A column (栏目): a section with a type, a promised update frequency and an owner."""

    class ColumnType:
        """Keys of the column types this app declares (the list is :mod:`.column_types`)."""

        NEWS = "news"
        NOTICE = "notice"
        TOPIC = "topic"
        GENERAL = "general"

    class UpdateFrequency(models.TextChoices):
        DAILY = "daily", _("每日")
        WEEKLY = "weekly", _("每周")
        BIWEEKLY = "biweekly", _("每两周")
        MONTHLY = "monthly", _("每月")
        QUARTERLY = "quarterly", _("每季度")
        HALF_YEARLY = "half_yearly", _("每半年")
        YEARLY = "yearly", _("每年")
        AS_NEEDED = "as_needed", _("按需更新")

    FREQUENCY_DAYS = {
        "daily": 1,
        "weekly": 7,
        "biweekly": 14,
        "monthly": 31,
        "quarterly": 92,
        "half_yearly": 183,
        "yearly": 366,
        "as_needed": None,
    }

    column_type = models.CharField(
        _("栏目类型"), max_length=20, choices=column_type_choices, default=ColumnType.GENERAL
    )
    update_frequency = models.CharField(
        _("承诺更新频率"),
        max_length=20,
        choices=UpdateFrequency.choices,
        default=UpdateFrequency.AS_NEEDED,
    )
    description = models.CharField(_("栏目描述"), max_length=300, blank=True)
    keywords = models.CharField(_("栏目关键词"), max_length=200, blank=True, help_text=_("以逗号分隔。"))
    intro = RichTextField(_("栏目说明"), blank=True)
    starts_on = models.DateField(_("专题开始日期"), null=True, blank=True)
    ends_on = models.DateField(_("专题结束日期"), null=True, blank=True)

    is_container = True
    is_column = True
    parent_page_types = ["pages.HomePage", "pages.ColumnPage"]
    base_form_class = ColumnPageForm

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("column_type"),
                FieldPanel("owner_organisation"),
                FieldPanel("update_frequency"),
                FieldPanel("description"),
                FieldPanel("keywords"),
            ],
            heading=_("栏目属性"),
        ),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("专题期限")),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("keywords"),
        index.FilterField("column_type"),
    ]

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")

    def clean(self):
        super().clean()
        if self.depth and self.depth > 2:
            parent = self.get_parent()
            if parent is not None:
                message = depth_error(parent)
                if message:
                    raise ValidationError(message)
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("结束日期不能早于开始日期。")})

    @property
    def level(self) -> int:
        return 1 + sum(1 for node in chain_of(self) if getattr(node, "is_column", False))

    def extra_purge_urls(self) -> list[str]:
        """A column is listed on its language's site map (网站地图) too."""
        with translation.override(self.locale.language_code):
            return [reverse("site_map")]

    def promised_days(self) -> int | None:
        return self.FREQUENCY_DAYS.get(self.update_frequency)

    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.replace("，", ",").split(",") if k.strip()]

    def column_meta_tags(self) -> dict[str, str]:
        return {
            "ColumnName": self.title,
            "ColumnDescription": self.description or self.title,
            "ColumnKeywords": ",".join(self.keyword_list()) or self.title,
            "ColumnType": self.get_column_type_display(),
        }

    def sub_columns(self):
        return public(ColumnPage.objects.live().child_of(self))

    def directories(self):
        """Container pages below the column that are not columns (e.g. 机构职能, 领导信息)."""
        kinds = [m for m in BasePage.page_models() if m.is_container and not m.is_column]
        return public(self.get_children().live().type(*kinds)) if kinds else Page.objects.none()

    def last_updated(self):
        latest = BasePage.items().descendant_of(self).values_list("date", flat=True).first()
        return latest

    def is_stale(self, now=None) -> bool:
        days = self.promised_days()
        if days is None:
            return False
        latest = self.last_updated()
        now = now or timezone.now()
        return latest is None or now - latest > timedelta(days=days)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.feed_items(), LIST_PAGE_SIZE)
        context["items"] = items = paginator.get_page(request.GET.get("page"))
        annotate(items)  # notes beside the items (评论数 …), once for the page of items
        context["sub_columns"] = list(self.sub_columns())
        chain = chain_of(self)
        parent = chain[-1] if chain else None
        context["parent_column"] = parent if getattr(parent, "is_column", False) else None
        context["directories"] = list(self.directories())
        context["list_template"] = list_template_for(self.column_type)
        return context


class ArticlePage(BasePage):
    """An article (文章): news, notices, work reports."""

    subtitle = models.CharField(_("副标题"), max_length=200, blank=True)
    summary = models.TextField(_("摘要"), blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("正文"))
    source = models.CharField(_("来源"), max_length=100, blank=True)
    author = models.CharField(_("作者"), max_length=100, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("题图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_headline = models.BooleanField(
        _("首页头条"), default=False, help_text=_("带题图的头条在首页图片新闻中轮播。")
    )

    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        FieldPanel("subtitle"),
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("source"),
                FieldPanel("author"),
                FieldPanel("owner_organisation"),
            ],
            heading=_("发布信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("is_headline")], heading=_("题图")),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("subtitle"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("source"),
        index.FilterField("is_headline"),
    ]

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")

    def source_name(self) -> str:
        return self.source or super().source_name()

    def og_image_url(self) -> str:
        """The share card's image (Open Graph): the cover image, cropped to 1.91:1."""
        if not self.cover_image_id:
            return ""
        return self.cover_image.get_rendition("fill-600x315").url

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["neighbours"] = Neighbours(self)
        return context


class Neighbours:
    """The 上一篇/下一篇 of an article, read only when the template shows them (not when the
    article's body comes from the fragment cache)."""

    def __init__(self, article: ArticlePage):
        self.article = article

    def _siblings(self):
        # Only what the links show: not the bodies of two more articles.
        return public(
            ArticlePage.objects.live()
            .sibling_of(self.article, inclusive=False)
            .only("title", "url_path", "path", "depth", "date", "locale_id")
        )

    @cached_property
    def newer(self) -> ArticlePage | None:
        return self._siblings().filter(date__gt=self.article.date).order_by("date", "pk").first()

    @cached_property
    def older(self) -> ArticlePage | None:
        return self._siblings().filter(date__lt=self.article.date).order_by("-date", "-pk").first()


def organisation_columns(organisation: Organisation):
    """The live columns an organisation owns (shown on its 机构职能 page)."""
    return public(ColumnPage.objects.live().filter(owner_organisation=organisation))
