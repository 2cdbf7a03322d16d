"""What the home page shows: headlines, news, notices, documents, leaders and topics."""

from __future__ import annotations

from portal.core.models import BasePage, Organisation

from .models import ArticlePage, ColumnPage

HEADLINE_COUNT = 5
LIST_COUNT = 7


def _latest_in(columns, count: int = LIST_COUNT):
    items = BasePage.items().none()
    for column in columns:
        items = items | BasePage.items().descendant_of(column)
    return list(items.order_by("-date", "-pk").specific()[:count])


def _columns_of_type(home, column_type: str):
    return ColumnPage.objects.live().public().descendant_of(home).filter(column_type=column_type)


def home_context(home) -> dict:
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
        for c in _columns_of_type(home, ColumnPage.ColumnType.NEWS).order_by("path")
        if not c.sub_columns().exists()
    ][:4]
    news_tabs = [(column, _latest_in([column])) for column in news_columns]
    notice_columns = list(_columns_of_type(home, ColumnPage.ColumnType.NOTICE))
    policy_columns = list(_columns_of_type(home, ColumnPage.ColumnType.POLICY))
    district = Organisation.objects.filter(kind=Organisation.Kind.DISTRICT).first()
    return {
        "headlines": headlines,
        "news_tabs": news_tabs,
        "notices": _latest_in(notice_columns),
        "notices_column": notice_columns[0] if notice_columns else None,
        "policies": _latest_in(policy_columns),
        "policies_column": policy_columns[0] if policy_columns else None,
        "district_leaders": list(district.leaders.all()) if district else [],
        "topics": list(_columns_of_type(home, ColumnPage.ColumnType.TOPIC).filter(depth=home.depth + 2))[:4],
        "latest": _latest_in([home], 10),
    }
