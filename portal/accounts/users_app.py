"""Replaces ``wagtail.users`` in INSTALLED_APPS so the user screens apply 三员分立."""

from wagtail.users.apps import WagtailUsersAppConfig


class PortalUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "portal.accounts.users.UserViewSet"
