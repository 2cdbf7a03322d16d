"""Admin wiring of 服务找人: the datasets and benefits as snippets, the import, the matching runs,
the explanation and the what-if, and the audit actions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList, PageChooserPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .forms import BenefitForm
from .models import Benefit, Dataset


class DatasetViewSet(SnippetViewSet):
    model = Dataset
    icon = "table"
    menu_label = _("部门数据集")
    list_display = ["name", "key", "source", "subject", "retention_days"]


class BenefitViewSet(SnippetViewSet):
    model = Benefit
    icon = "tick"
    menu_label = _("惠民待遇与条件")
    list_display = ["name", "code", "population", "rendered", "enabled"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("code"),
            FieldPanel("description"),
            FieldPanel("population"),
            FieldPanel("claims"),
            FieldPanel("service_code"),
            PageChooserPanel("policy_page", "core.BasePage"),
            FieldPanel("rule_text"),
            FieldPanel("enabled"),
        ],
        base_form_class=BenefitForm,
    )


class ProactiveGroup(SnippetViewSetGroup):
    items = (DatasetViewSet, BenefitViewSet)
    menu_icon = "group"
    menu_label = _("服务找人")
    menu_order = 260


register_snippet(ProactiveGroup)


@hooks.register("register_admin_urls")
def proactive_admin_urls():
    return [
        path("proactive/import/", admin_views.import_view, name="proactive_admin_import"),
        path("proactive/versions/<int:pk>/", admin_views.version_view, name="proactive_admin_version"),
        path("proactive/records/<int:pk>/", admin_views.record_view, name="proactive_admin_record"),
        path("proactive/runs/", admin_views.runs_view, name="proactive_admin_runs"),
        path("proactive/runs/<int:pk>/", admin_views.run_view, name="proactive_admin_run"),
        path("proactive/explain/", admin_views.explain_view, name="proactive_admin_explain"),
        path("proactive/what-if/", admin_views.what_if_view, name="proactive_admin_what_if"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def runs_menu_item():
    return PermissionMenuItem(
        _("应享未享匹配"),
        reverse("proactive_admin_runs"),
        icon_name="group",
        order=261,
        permission="proactive.view_matchrun",
    )


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return PermissionMenuItem(
        _("导入部门数据"),
        reverse("proactive_admin_import"),
        icon_name="upload",
        order=262,
        permission="proactive.add_datasetversion",
    )


@hooks.register("register_admin_menu_item")
def what_if_menu_item():
    return PermissionMenuItem(
        _("条件调整测算"),
        reverse("proactive_admin_what_if"),
        icon_name="view",
        order=263,
        permission="proactive.change_benefit",
    )


@hooks.register("register_log_actions")
def proactive_log_actions(actions):
    actions.register_action("proactive.dataset.import", _("导入部门数据"), _("导入部门数据"))
    actions.register_action("proactive.dataset.purge", _("清除过期部门数据"), _("清除过期部门数据"))
    actions.register_action("proactive.person.explain", _("查看符合条件说明"), _("查看符合条件说明"))
