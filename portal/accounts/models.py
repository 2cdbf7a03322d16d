"""Permissions of the administrator roles (三员分立) that belong to no content model.

``StaffSecurity`` has no table: it only carries the permissions that the audit screen, the
unlock screen and the two-factor reset check, so that they can be granted to a group like any
other permission (``manage.py install_admin_roles``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffSecurity(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("账号安全")
        verbose_name_plural = _("账号安全")
        permissions = [
            ("view_audit_log", _("查看全部审计日志")),
            ("unlock_account", _("解除登录锁定")),
            ("reset_two_factor", _("重置双因素认证")),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
