"""What the portal's pages contribute to search: articles and columns (see portal/search/registry.py)."""

from __future__ import annotations

from portal.search.registry import EntityData, EntityRef, PageProvider, register, topic_ref

from .models import ArticlePage, ColumnPage


def _org_ref(org) -> EntityRef:
    return EntityRef(f"organisation:{org.pk}", "organisation", org.name)


@register
class ArticleProvider(PageProvider):
    type_key = "article"
    label = "新闻动态"
    order = 30
    model = ArticlePage

    def body_text(self, page: ArticlePage) -> str:
        body = " ".join(ArticlePage._meta.get_field("body").get_searchable_content(page.body))
        return f"{page.subtitle} {page.summary} {body}"

    def keywords(self, page: ArticlePage) -> str:
        return page.subtitle

    def extra(self, page: ArticlePage) -> dict:
        # The role in search ranking is the type of the article's column (news, notice, service …).
        parent = page.get_parent().specific
        role = parent.column_type if isinstance(parent, ColumnPage) else "page"
        return {"source": page.source_name(), "role": role}


@register
class ColumnProvider(PageProvider):
    type_key = "column"
    label = "栏目"
    order = 50
    model = ColumnPage
    entity_kind = "column"
    card_template = "pages/search_cards/column.html"
    card_min_coverage = 0.8
    boost = 1.5

    def body_text(self, page: ColumnPage) -> str:
        return f"{page.description} {page.intro}"

    def keywords(self, page: ColumnPage) -> str:
        return " ".join(page.keyword_list())

    def extra(self, page: ColumnPage) -> dict:
        return {"column_type": page.get_column_type_display()}

    def dictionary_words(self):
        return ColumnPage.objects.live().values_list("title", flat=True)

    def dependents(self, page: ColumnPage) -> list:
        parent = page.get_parent().specific
        return [("column", parent.pk)] if isinstance(parent, ColumnPage) else []

    def entity(self, page: ColumnPage) -> EntityData:
        relations = [("concerns_topic", topic_ref(k)) for k in page.keyword_list()]
        parent = page.get_parent().specific
        if isinstance(parent, ColumnPage):
            relations.append(("belongs_to", self.entity_ref(parent)))
        if page.owner_organisation_id:
            relations.append(("^responsible_for", _org_ref(page.owner_organisation)))
        children = [{"title": c.title, "url": c.get_url(None)} for c in page.sub_columns()[:12]]
        return EntityData(
            key=f"column:{page.pk}",
            kind="column",
            name=page.title,
            url=page.get_url(None) or "",
            data={
                "column_type": page.get_column_type_display(),
                "description": page.description,
                "update_frequency": page.get_update_frequency_display(),
                "organisation": page.owner_organisation.name if page.owner_organisation_id else "",
                "children": children,
            },
            relations=relations,
        )
