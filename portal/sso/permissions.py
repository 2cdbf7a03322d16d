"""Who may register 接入应用: the system administrator role (三员分立), and whoever holds DOT's permissions.

The role is named by ``PORTAL_SSO_ADMIN_GROUPS`` (``["系统管理员"]``) rather than by permissions
on its group, because ``manage.py install_admin_roles`` resets each role's group to exactly the
permissions ``portal.accounts.roles`` lists.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

ACTIONS = {"add", "change", "delete", "view"}


class ClientPermissionPolicy(ModelPermissionPolicy):
    def _in_admin_group(self, user) -> bool:
        if not (user.is_active and user.is_authenticated):
            return False
        cached = getattr(user, "_portal_sso_admin", None)
        if cached is None:
            cached = user.groups.filter(name__in=settings.PORTAL_SSO_ADMIN_GROUPS).exists()
            user._portal_sso_admin = cached
        return cached

    def user_has_permission(self, user, action):
        if action in ACTIONS and self._in_admin_group(user):
            return True
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        users = super().users_with_any_permission(actions)
        if ACTIONS.intersection(actions):
            members = get_user_model().objects.filter(
                is_active=True, groups__name__in=settings.PORTAL_SSO_ADMIN_GROUPS
            )
            users = get_user_model().objects.filter(
                Q(pk__in=users.values("pk")) | Q(pk__in=members.values("pk"))
            )
        return users
