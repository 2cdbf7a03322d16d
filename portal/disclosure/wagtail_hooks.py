"""Admin wiring of disclosure: guides, the standard catalogue (with import, export and the
compliance view), concern topics and the 清理 view of normative documents."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views, annual_admin, request_admin
from .catalogue import CatalogueEntry
from .catalogue_xlsx import IMPORT_ACTION
from .concerns import ConcernTopic
from .lifecycle import EXPIRE_ACTION, REMIND_ACTION
from .platform import DisclosureGuide
from .request_clock import ESCALATION_ACTION, REMINDER_ACTION


class CatalogueEntryViewSet(SnippetViewSet):
    model = CatalogueEntry
    icon = "list-ul"
    menu_label = _("公开事项标准目录")
    list_display = ["item_level2", "item_level1", "organisation", "level", "mode", "event_on"]
    list_filter = ["level", "mode", "audience", "organisation"]
    search_fields = ["item_level1", "item_level2", "content", "domain"]

    @property
    def index_view_class(self):
        base = super().index_view_class

        class IndexView(base):
            @property
            def header_buttons(self):
                return [
                    *super().header_buttons,
                    HeaderButton(
                        _("导出 XLSX"), url=reverse("disclosure_catalogue_export"), icon_name="download"
                    ),
                    HeaderButton(
                        _("导入 XLSX"), url=reverse("disclosure_catalogue_import"), icon_name="upload"
                    ),
                    HeaderButton(_("合规检查"), url=reverse("disclosure_compliance"), icon_name="warning"),
                ]

        return IndexView


class ConcernTopicViewSet(SnippetViewSet):
    model = ConcernTopic
    icon = "pick"
    menu_label = _("群众关切事项")
    list_display = ["title", "weight", "keywords", "live"]


class DisclosureGuideViewSet(SnippetViewSet):
    model = DisclosureGuide
    icon = "help"
    menu_label = _("信息公开指南")
    list_display = ["organisation", "office", "phone"]


class DisclosureGroup(SnippetViewSetGroup):
    items = (CatalogueEntryViewSet, ConcernTopicViewSet, DisclosureGuideViewSet)
    menu_icon = "doc-full"
    menu_label = _("政务公开")
    menu_name = "disclosure"
    menu_order = 220


register_snippet(DisclosureGroup)


@hooks.register("register_admin_urls")
def disclosure_admin_urls():
    return [
        path("zwgk/catalogue/export/", admin_views.catalogue_export, name="disclosure_catalogue_export"),
        path("zwgk/catalogue/import/", admin_views.catalogue_import, name="disclosure_catalogue_import"),
        path("zwgk/compliance/", admin_views.compliance, name="disclosure_compliance"),
        path("zwgk/review/", admin_views.review, name="disclosure_review"),
        path("zwgk/ysqgk/", request_admin.request_list, name="disclosure_requests"),
        path("zwgk/ysqgk/<int:pk>/", request_admin.request_detail, name="disclosure_request"),
        path("zwgk/ysqgk/<int:pk>/letter.<str:fmt>", request_admin.letter, name="disclosure_request_letter"),
        path("zwgk/ysqgk/<int:pk>/<slug:verb>/", request_admin.perform, name="disclosure_request_perform"),
        path("zwgk/nianbao/", annual_admin.report_list, name="disclosure_annual_reports"),
        path("zwgk/nianbao/<int:pk>/", annual_admin.report_edit, name="disclosure_annual_report"),
        path(
            "zwgk/nianbao/<int:pk>/download.<str:fmt>",
            annual_admin.report_download,
            name="disclosure_annual_report_download",
        ),
    ]


class RequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return request_admin.may_use(request.user)


@hooks.register("register_admin_menu_item")
def requests_menu_item():
    return RequestsMenuItem(_("依申请公开"), reverse("disclosure_requests"), icon_name="doc-full", order=222)


@hooks.register("register_admin_menu_item")
def annual_menu_item():
    return RequestsMenuItem(
        _("信息公开年报"), reverse("disclosure_annual_reports"), icon_name="table", order=223
    )


@hooks.register("register_admin_menu_item")
def review_menu_item():
    return MenuItem(_("规范性文件清理"), reverse("disclosure_review"), icon_name="date", order=221)


@hooks.register("register_log_actions")
def disclosure_log_actions(actions):
    actions.register_action(EXPIRE_ACTION, _("文件到期自动失效"), _("文件到期自动失效"))
    actions.register_action(REMIND_ACTION, _("文件有效期提醒"), _("文件有效期提醒"))
    actions.register_action(REMINDER_ACTION, _("依申请公开到期提醒"), _("依申请公开到期提醒"))
    actions.register_action(ESCALATION_ACTION, _("依申请公开超期督办"), _("依申请公开超期督办"))
    actions.register_action("disclosure.annual.generate", _("生成信息公开年报"), _("生成信息公开年报"))
    actions.register_action("disclosure.annual.edit", _("修改信息公开年报"), _("修改信息公开年报"))
    actions.register_action("disclosure.annual.publish", _("发布信息公开年报"), _("发布信息公开年报"))
    actions.register_action("disclosure.annual.reminder", _("信息公开年报提醒"), _("信息公开年报提醒"))
    actions.register_action(IMPORT_ACTION, _("导入公开事项标准目录"), _("导入公开事项标准目录"))
