"""Admin: editable search vocabulary and controls, and the search reports for editors."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.search import SearchArea
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import BestBet, DeniedTerm, HotWord, QueryIntent, Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    list_display = ["terms", "note", "enabled"]
    search_fields = ["terms"]


class BestBetViewSet(SnippetViewSet):
    model = BestBet
    icon = "pick"
    list_display = ["query", "title", "url", "enabled"]


class DeniedTermViewSet(SnippetViewSet):
    model = DeniedTerm
    icon = "cross"
    list_display = ["term", "block_search", "note"]


class HotWordViewSet(SnippetViewSet):
    model = HotWord
    icon = "pick"
    list_display = ["word", "sort_order"]


class QueryIntentViewSet(SnippetViewSet):
    model = QueryIntent
    icon = "help"
    list_display = ["intent", "phrases", "hints", "prefer", "enabled"]


class SearchAdminGroup(SnippetViewSetGroup):
    menu_label = _("搜索管理")
    menu_icon = "search"
    menu_order = 900
    items = (SynonymViewSet, QueryIntentViewSet, BestBetViewSet, DeniedTermViewSet, HotWordViewSet)


register_snippet(SearchAdminGroup)


@hooks.register("register_admin_urls")
def search_report_urls():
    return [
        path("search-reports/", admin_views.report_view, name="portal_search_report"),
        path(
            "search-reports/approve-synonym/",
            admin_views.approve_synonym_view,
            name="portal_search_approve_synonym",
        ),
        path("search-chinese/", admin_views.admin_search_view, name="portal_search_admin"),
    ]


@hooks.register("register_admin_search_area")
def chinese_search_area():
    """A tab in the admin's search results: the same Chinese pipeline as the public site."""
    return SearchArea(_("中文全文检索"), reverse("portal_search_admin"), icon_name="search", order=50)


@hooks.register("register_reports_menu_item")
def search_report_menu_item():
    return MenuItem(_("搜索统计与零结果"), reverse("portal_search_report"), icon_name="search", order=900)
