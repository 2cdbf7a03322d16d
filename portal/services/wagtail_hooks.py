"""Admin wiring of the service hall: places and scenario flows as snippets, the completeness
check, flow diagrams and the ratings screen."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .flow_editor import FlowAdminForm, FlowDiagramPanel
from .models import ScenarioFlow, ServicePlace


class PlaceViewSet(SnippetViewSet):
    model = ServicePlace
    icon = "site"
    menu_label = _("便民服务地点")
    menu_order = 241
    add_to_admin_menu = True
    list_display = ["name", "category", "street", "address"]
    list_filter = ["category"]
    search_fields = ["name", "address"]


class FlowViewSet(SnippetViewSet):
    model = ScenarioFlow
    icon = "list-ol"
    menu_label = _("场景式服务")
    menu_order = 242
    add_to_admin_menu = True
    list_display = ["title", "slug", "organisation", "live"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("title"), FieldPanel("slug")]),
                    FieldRowPanel([FieldPanel("organisation"), FieldPanel("audience"), FieldPanel("live")]),
                    FieldPanel("description"),
                    FieldPanel("sort_order"),
                ],
                heading=_("基本信息"),
            ),
            FlowDiagramPanel(heading=_("流程图")),
            FieldPanel("definition"),
            FieldPanel("examples"),
        ],
        base_form_class=FlowAdminForm,
    )


register_snippet(PlaceViewSet)
register_snippet(FlowViewSet)


@hooks.register("register_admin_urls")
def services_admin_urls():
    return [
        path("banshi/wanzhengxing/", admin_views.completeness, name="services_admin_completeness"),
        path("banshi/liucheng/<int:pk>/", admin_views.flow_diagram, name="services_admin_flow"),
        path("banshi/pingjia/", admin_views.ratings, name="services_admin_ratings"),
        path("banshi/pingjia/<int:pk>/huifang/", admin_views.follow_up, name="services_admin_followup"),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or admin_views._profile(request.user) is not None


@hooks.register("register_admin_menu_item")
def completeness_menu_item():
    return StaffMenuItem(
        _("办事指南完整性"), reverse("services_admin_completeness"), icon_name="tasks", order=243
    )


@hooks.register("register_admin_menu_item")
def ratings_menu_item():
    return StaffMenuItem(_("好差评"), reverse("services_admin_ratings"), icon_name="pick", order=244)


@hooks.register("register_log_actions")
def services_log_actions(actions):
    actions.register_action("services.rating.followup", _("差评回访整改"), _("差评回访整改"))
    actions.register_action("services.rating.reminder", _("差评整改提醒"), _("差评整改提醒"))
