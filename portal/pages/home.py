"""This app's home-page sections: headlines and news at the top, notices, topics (registered in
``contributions.py``; the page shows every app's sections, see :mod:`.home_sections`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.core.models import BasePage, SiteIdentity

from .models import ArticlePage, ColumnPage

HEADLINE_COUNT = 5
LIST_COUNT = 7


def latest_in(columns, count: int = LIST_COUNT):
    items = BasePage.items().none()
    for column in columns:
        items = items | BasePage.items().descendant_of(column)
    return list(items.order_by("-date", "-pk").specific()[:count])


def columns_of_type(home, column_type: str):
    return ColumnPage.objects.live().public().descendant_of(home).filter(column_type=column_type)


def top_section(home, request) -> dict:
    """Headline pictures and the news tabs (the latest items where there are no news columns)."""
    headlines = list(
        ArticlePage.objects.live()
        .public()
        .descendant_of(home)
        .filter(is_headline=True, cover_image__isnull=False)
        .select_related("cover_image")
        .order_by("-date")[:HEADLINE_COUNT]
    )
    news_columns = [
        c
        for c in columns_of_type(home, ColumnPage.ColumnType.NEWS).order_by("path")
        if not c.sub_columns().exists()
    ][:4]
    news_tabs = [(column, latest_in([column])) for column in news_columns]
    return {"headlines": headlines, "news_tabs": news_tabs, "latest": latest_in([home], 10)}


def notices_section(home, request) -> dict | None:
    columns = list(columns_of_type(home, ColumnPage.ColumnType.NOTICE))
    return {"title": _("通知公告"), "items": latest_in(columns), "column": columns[0] if columns else None}


def topics_section(home, request) -> dict | None:
    topics = list(columns_of_type(home, ColumnPage.ColumnType.TOPIC).filter(depth=home.depth + 2))[:4]
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
