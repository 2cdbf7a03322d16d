"""Admin wiring of core: organisations and staff, the calendar, the audit trail, notifications,
and who may download a document."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views, documents, http_cache
from .models import CalendarYear, Notification, Organisation, StaffProfile, WorkdayOverride
from .workdays import missing_calendar_years


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("机构")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "kind", "parent", "code", "phone"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]
    ordering = ["sort_order", "name"]


class StaffProfileViewSet(SnippetViewSet):
    model = StaffProfile
    icon = "user"
    menu_label = _("工作人员")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation__kind"]


class WorkdayOverrideViewSet(SnippetViewSet):
    model = WorkdayOverride
    icon = "date"
    menu_label = _("节假日调整")
    list_display = ["date", "name", "is_working_day", "note"]
    list_filter = ["is_working_day"]


class CalendarYearViewSet(SnippetViewSet):
    model = CalendarYear
    icon = "calendar"
    menu_label = _("年度节假日安排")
    list_display = ["year", "complete", "source"]


class CalendarGroup(SnippetViewSetGroup):
    menu_label = _("工作日历")
    menu_icon = "calendar"
    menu_order = 215
    items = (WorkdayOverrideViewSet, CalendarYearViewSet)


register_snippet(OrganisationViewSet)
register_snippet(StaffProfileViewSet)
register_snippet(CalendarGroup)


@hooks.register("register_admin_urls")
def core_admin_urls():
    return [
        path("audit/", admin_views.audit_trail, name="core_audit"),
        path("holidays/", admin_views.load_holidays, name="core_load_holidays"),
        path("notifications/", admin_views.notifications, name="core_notifications"),
        path("notifications/<int:pk>/", admin_views.open_notification, name="core_notification"),
    ]


@hooks.register("register_admin_menu_item")
def audit_menu_item():
    return MenuItem(_("审计日志"), reverse("core_audit"), icon_name="history", order=151)


@hooks.register("register_admin_menu_item")
def notifications_menu_item():
    return MenuItem(_("我的通知"), reverse("core_notifications"), icon_name="mail", order=152)


@hooks.register("register_page_header_buttons")
def audit_header_button(page, user, view_name, next_url=None):
    yield Button(_("审核记录"), reverse("core_audit") + f"?page={page.pk}", icon_name="history", priority=81)


@hooks.register("register_log_actions")
def core_log_actions(actions):
    actions.register_action("core.personal_data.view", _("查看个人信息"), _("查看了个人信息明文"))
    from .states import register_log_actions

    register_log_actions(actions)


class NotificationsPanel(Component):
    name = "core_notifications"
    order = 50
    template_name = "core/includes/notifications_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        return {
            "notifications": Notification.objects.filter(user=user, read_at__isnull=True)[:10],
            "missing_years": missing_calendar_years() if user.is_superuser else [],
            "notifications_url": reverse("core_notifications"),
            "holidays_url": reverse("core_load_holidays"),
        }


@hooks.register("construct_homepage_panels")
def add_notifications_panel(request, panels):
    panels.append(NotificationsPanel(request))


# Wagtail's own collection privacy runs too; both must let the reader through.
hooks.register("before_serve_document", documents.check_document_access)


@hooks.register("construct_help_menu")
def keep_help_on_this_site(request, menu_items):
    # Wagtail's release notes and editor guide live on wagtail.org, in English, often out of reach
    # of a government network; the keyboard shortcuts stay.
    menu_items[:] = [item for item in menu_items if not item.name.startswith(("whats-new", "editor-guide"))]


@hooks.register("before_serve_page", order=-1)
def remember_served_page(page, request, serve_args, serve_kwargs):
    """The cache policy needs to know the page before Wagtail checks its view restrictions: a
    restricted page, its login redirect and its password form are all private."""
    http_cache.mark_page(request, page)
