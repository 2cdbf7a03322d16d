from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation, StaffProfile


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


register_snippet(OrganisationViewSet)
register_snippet(StaffProfileViewSet)
