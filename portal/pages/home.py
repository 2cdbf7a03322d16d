"""This app's home-page sections: headlines and news at the top, notices, topics (registered in
``contributions.py``; the page shows every app's sections, see :mod:`.home_sections`).

The columns below the home page are read once per render (:func:`columns_under`) and every
section picks its own from them; a section's item list is one query."""

from __future__ import annotations

from django.db.models import Case, CharField, F, Prefetch, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from portal.core.models import BasePage, SiteIdentity
from portal.core.visibility import public

from .models import ArticlePage, ColumnPage

HEADLINE_COUNT = 5
LIST_COUNT = 7
#: The rendition the headline carousel shows (pages/home/top_section.html).
HEADLINE_RENDITION = "fill-760x428"


def latest_in(columns, count: int = LIST_COUNT, model=None) -> list:
    """The newest live public items below any of ``columns``: of ``model``, or of every item type
    as plain portal pages (title, date and URL are what a list shows). One query."""
    columns = list(columns)
    if not columns:
        return []
    within = Q()
    for column in columns:
        within |= Q(path__startswith=column.path, depth__gt=column.depth)
    items = public(model.objects.live()) if model else BasePage.items()
    return list(items.filter(within).order_by("-date", "-pk")[:count])


def latest_by_group(groups: dict[str, list], count: int = LIST_COUNT) -> dict[str, list]:
    """:func:`latest_in` for several groups of columns at once (the home page's news tabs and
    notices): one query, numbering each group's items newest first. An item below columns of
    several groups counts for the first."""
    groups = {key: list(columns) for key, columns in groups.items() if columns}
    found: dict[str, list] = {key: [] for key in groups}
    if not groups:
        return found
    whens = [
        When(Q(path__startswith=column.path, depth__gt=column.depth), then=Value(key))
        for key, columns in groups.items()
        for column in columns
    ]
    group = Case(*whens, default=None, output_field=CharField())
    items = (
        BasePage.items()
        .annotate(portal_group=group)
        .filter(portal_group__isnull=False)
        .annotate(
            portal_rank=Window(
                RowNumber(), partition_by=[F("portal_group")], order_by=[F("date").desc(), F("pk").desc()]
            )
        )
        .filter(portal_rank__lte=count)
        .order_by("-date", "-pk")
    )
    for item in items:
        found[item.portal_group].append(item)
    return found


def columns_under(home) -> list[ColumnPage]:
    """Every live public column below ``home``, in tree order (read once per home page object)."""
    columns = getattr(home, "_portal_columns", None)
    if columns is None:
        columns = list(public(ColumnPage.objects.live().descendant_of(home)).order_by("path"))
        home._portal_columns = columns
    return columns


def columns_of_type(home, column_type: str) -> list[ColumnPage]:
    return [c for c in columns_under(home) if c.column_type == column_type]


def _has_sub_columns(column, columns) -> bool:
    return any(c.depth == column.depth + 1 and c.path.startswith(column.path) for c in columns)


def top_section(home, request) -> dict:
    """Headline pictures and the news tabs (the latest items where there are no news columns)."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=HEADLINE_RENDITION)
    headlines = list(
        public(ArticlePage.objects.live().descendant_of(home))
        .filter(is_headline=True, cover_image__isnull=False)
        .select_related("cover_image")
        .prefetch_related(Prefetch("cover_image__renditions", queryset=renditions))
        .order_by("-date")[:HEADLINE_COUNT]
    )
    news_columns = _news_columns(home)
    lists = _latest_lists(home)
    news_tabs = [(column, lists.get(f"tab{column.pk}", [])) for column in news_columns]
    latest = [] if news_tabs else latest_in([home], 10)
    return {"headlines": headlines, "news_tabs": news_tabs, "latest": latest}


def _news_columns(home) -> list[ColumnPage]:
    columns = columns_under(home)
    leaves = [
        c for c in columns if c.column_type == ColumnPage.ColumnType.NEWS and not _has_sub_columns(c, columns)
    ]
    return leaves[:4]


def _latest_lists(home) -> dict[str, list]:
    """The news tabs' and the notices' item lists, read together once per home page object."""
    lists = getattr(home, "_portal_latest", None)
    if lists is None:
        groups = {f"tab{c.pk}": [c] for c in _news_columns(home)}
        groups["notices"] = columns_of_type(home, ColumnPage.ColumnType.NOTICE)
        lists = latest_by_group(groups)
        home._portal_latest = lists
    return lists


def notices_section(home, request) -> dict | None:
    columns = columns_of_type(home, ColumnPage.ColumnType.NOTICE)
    items = _latest_lists(home).get("notices", [])
    return {"title": _("通知公告"), "items": items, "column": columns[0] if columns else None}


def topics_section(home, request) -> dict | None:
    topics = [c for c in columns_of_type(home, ColumnPage.ColumnType.TOPIC) if c.depth == home.depth + 2][:4]
    return {"topics": topics, "count": len(topics)} if topics else None


def new_media_section(home, request) -> dict | None:
    """The district's government new-media accounts (政务新媒体), each with a QR code drawn here."""
    if (get_language() or "").startswith("en"):
        return None
    site = home.get_site()
    if site is None:
        return None
    identity = SiteIdentity.for_site(site)
    accounts = [
        {
            "platform": block.value["platform"],
            "platform_label": dict(block.block.child_blocks["platform"].field.choices).get(
                block.value["platform"], ""
            ),
            "name": block.value["name"],
            "url": block.value["url"],
            "note": block.value["note"],
            "qr_url": reverse("qr_code") + "?" + urlencode({"url": block.value["url"]}),
        }
        for block in identity.new_media
    ]
    return {"accounts": accounts} if accounts else None
