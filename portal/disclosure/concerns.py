"""The public-concern catalogue (群众关切事项目录): curated topics the public cares about.

A :class:`ConcernTopic` links documents, interpretations, service items and letters — whatever
the search index holds — without importing other apps' models: editors pin entries by their
index key (``policy:12``) and the topic's search words bring in the rest through
:mod:`portal.search.services`. Topics are ordered by an editable weight plus demand (how often
the public searched for the topic's words in the last 90 days).
"""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from portal.core.models import BasePage
from portal.search import services as search

DEMAND_DAYS = 90
RELATED_LIMIT = 12


class ConcernTopic(ClusterableModel):
    title = models.CharField(_("关切事项"), max_length=100)
    slug = models.SlugField(_("网址标识"), max_length=80, unique=True)
    summary = models.TextField(_("简介"), max_length=500, blank=True)
    keywords = models.CharField(
        _("检索词"),
        max_length=200,
        help_text=_("以逗号分隔；用于从站内检索关联文件、解读、办事和来信，并统计群众搜索量。"),
    )
    weight = models.IntegerField(_("权重"), default=0, help_text=_("排序 = 权重 + 近90天搜索量。"))
    live = models.BooleanField(_("公开"), default=True)
    response = RichTextField(_("回应情况"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("keywords"),
        FieldPanel("weight"),
        FieldPanel("live"),
        FieldPanel("response"),
        InlinePanel("links", heading=_("精选关联"), label=_("关联")),
    ]

    class Meta:
        ordering = ["-weight", "title"]
        verbose_name = _("群众关切事项")
        verbose_name_plural = _("群众关切事项目录")

    def __str__(self) -> str:
        return self.title

    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.replace("，", ",").split(",") if k.strip()]

    def demand(self) -> int:
        return search.query_demand(self.keyword_list(), days=DEMAND_DAYS)

    def linked_items(self) -> list[dict]:
        """Pinned entries first, then what the topic's words find, grouped by type label."""
        pinned = search.documents_by_key([link.key for link in self.links.all()])
        seen = {item["key"] for item in pinned}
        found = []
        for word in self.keyword_list():
            for item in search.related_documents(word, limit=RELATED_LIMIT):
                if item["key"] not in seen:
                    seen.add(item["key"])
                    found.append(item)
        return pinned + found[: max(0, RELATED_LIMIT * 2 - len(pinned))]


class ConcernLink(Orderable):
    topic = ParentalKey(ConcernTopic, related_name="links", on_delete=models.CASCADE)
    key = models.CharField(
        _("检索条目"),
        max_length=80,
        help_text=_("站内检索的条目标识，如 policy:12（政策文件）、letter_reply:5（来信）。"),
    )

    panels = [FieldPanel("key")]

    class Meta(Orderable.Meta):
        verbose_name = _("精选关联")


def ranked_topics(limit: int | None = None) -> list[tuple[ConcernTopic, int]]:
    """Public topics with their demand, by weight plus demand (highest first)."""
    rows = [(topic, topic.demand()) for topic in ConcernTopic.objects.filter(live=True)]
    rows.sort(key=lambda row: (-(row[0].weight + row[1]), row[0].title))
    return rows[:limit] if limit else rows


def group_items(items: list[dict]) -> list[tuple[str, list[dict]]]:
    groups: dict[str, list[dict]] = {}
    for item in items:
        groups.setdefault(item["type_label"], []).append(item)
    return list(groups.items())


class ConcernCataloguePage(RoutablePageMixin, BasePage):
    """群众关切事项目录: the topics, and one page per topic with what answers it."""

    intro = RichTextField(_("说明"), blank=True)
    is_container = True
    parent_page_types = ["pages.ColumnPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("群众关切事项目录")

    @path("")
    def index_route(self, request):
        return self.render(request, context_overrides={"topics": ranked_topics()})

    @path("<slug:slug>/")
    def topic_route(self, request, slug):
        topic = ConcernTopic.objects.filter(slug=slug, live=True).first()
        if topic is None:
            raise Http404
        return self.render(
            request,
            template="disclosure/concerns/topic.html",
            context_overrides={
                "topic": topic,
                "groups": group_items(topic.linked_items()),
                "extra_crumb": topic.title,
            },
        )

    def topic_url(self, topic: ConcernTopic) -> str:
        return f"{self.url}{topic.slug}/"

    def get_cached_paths(self):
        return ["/", *(f"{slug}/" for slug in ConcernTopic.objects.values_list("slug", flat=True))]
