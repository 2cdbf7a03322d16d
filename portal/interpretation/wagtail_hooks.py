"""Admin wiring of interpretation: the rate and calendar screens and their menu items."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.core.models import StaffProfile

from . import admin_views


@hooks.register("register_admin_urls")
def interpretation_admin_urls():
    return [
        path("jiedu/jiedulv/", admin_views.rate, name="interpretation_admin_rate"),
        path("jiedu/rili/", admin_views.release_calendar, name="interpretation_admin_calendar"),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_superuser or StaffProfile.objects.filter(user=user).exists()


@hooks.register("register_admin_menu_item")
def rate_menu_item():
    return StaffMenuItem(
        _("政策解读率"), reverse("interpretation_admin_rate"), icon_name="doc-full", order=245
    )


@hooks.register("register_admin_menu_item")
def calendar_menu_item():
    return StaffMenuItem(
        _("解读发布日历"), reverse("interpretation_admin_calendar"), icon_name="date", order=246
    )
