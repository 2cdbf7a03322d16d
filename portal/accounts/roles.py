"""三员分立: the system, security and audit administrator roles.

Each role is a Group with an explicit list of permissions, installed (and reset to exactly that
list) by ``manage.py install_admin_roles``. The rules that keep them apart:

- an account holds at most one of the three roles, and an account holding one holds no other
  group (no organisation's editor or reviewer group) and is not a superuser: administrator
  accounts are dedicated accounts;
- what a role may do is what its permissions allow; what it must never do, even if someone later
  adds a permission to its group, is refused by :data:`DENIED_VIEWS` (checked by
  ``StaffSecurityMiddleware``): the system and security administrators never read the audit
  trail, the audit and system administrators never unlock accounts or reset two-factor devices;
- only a superuser may grant superuser status or change an administrator account's password,
  roles or two-factor device, so the security administrator cannot take over another
  administrator's account (:func:`protected_account`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Role:
    key: str
    name: str  # the Group's name
    description: str
    permissions: tuple[str, ...]  # "app_label.codename"


SYSTEM = Role(
    "system",
    "系统管理员",
    gettext_lazy("配置站点、机构、工作日历、审核流程和跳转；不能管理账号、解锁或查看审计日志"),
    (
        "wagtailadmin.access_admin",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "wagtailcore.delete_site",
        "wagtailcore.add_locale",
        "wagtailcore.change_locale",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "core.change_siteidentity",
        "core.add_organisation",
        "core.change_organisation",
        "core.add_workdayoverride",
        "core.change_workdayoverride",
        "core.delete_workdayoverride",
        "core.add_calendaryear",
        "core.change_calendaryear",
        "editorial.change_reviewrouting",
    ),
)
SECURITY = Role(
    "security",
    "安全管理员",
    gettext_lazy(
        "管理账号、所属机构与角色、解除登录锁定、重置双因素认证；不能查看或编辑内容，不能查看审计日志"
    ),
    (
        "wagtailadmin.access_admin",
        "auth.add_user",
        "auth.change_user",
        "core.add_staffprofile",
        "core.change_staffprofile",
        "core.delete_staffprofile",
        "accounts.unlock_account",
        "accounts.reset_two_factor",
    ),
)
AUDIT = Role(
    "audit",
    "审计管理员",
    gettext_lazy("只读查看和导出全部审计日志；不能管理账号、内容或设置"),
    ("wagtailadmin.access_admin", "accounts.view_audit_log"),
)
ROLES = (SYSTEM, SECURITY, AUDIT)
ROLE_NAMES = {role.name: role for role in ROLES}

_AUDIT_VIEWS = {
    "core_audit",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:site_history_results",
}
_SECURITY_VIEWS = {"accounts_security", "accounts_unlock", "accounts_reset_two_factor"}

# Admin views each role is refused whatever permissions its group is later given.
DENIED_VIEWS: dict[str, set[str]] = {
    SYSTEM.key: _AUDIT_VIEWS | _SECURITY_VIEWS,
    SECURITY.key: _AUDIT_VIEWS,
    AUDIT.key: _SECURITY_VIEWS,
}


def role_of(user) -> Role | None:
    """The administrator role the user holds, if any (cached on the user for the request)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_portal_admin_role"):
        names = set(user.groups.filter(name__in=ROLE_NAMES).values_list("name", flat=True))
        user._portal_admin_role = next((r for r in ROLES if r.name in names), None)
    return user._portal_admin_role


def role_problem(groups, is_superuser: bool = False) -> str | None:
    """Why this combination of groups breaks 三员分立, or None."""
    names = [g.name for g in groups]
    roles = [n for n in names if n in ROLE_NAMES]
    if len(roles) > 1:
        return _("一个账号只能担任系统管理员、安全管理员、审计管理员中的一个角色。")
    if roles and len(names) > 1:
        return _("担任%(role)s的账号不能同时属于其他用户组。") % {"role": roles[0]}
    if roles and is_superuser:
        return _("担任%(role)s的账号不能是超级管理员。") % {"role": roles[0]}
    return None


def protected_account(actor, target) -> bool:
    """Whether ``target`` may only be managed by a superuser (superusers and administrators)."""
    if actor.is_superuser:
        return False
    return bool(target.is_superuser or role_of(target))


@receiver(m2m_changed, sender=get_user_model().groups.through)
def _refuse_mixed_roles(sender, instance, action, reverse, pk_set, **kwargs):
    """Defence in depth behind the user form: no code path may mix the roles."""
    if action != "pre_add" or not pk_set:
        return
    users = [instance] if not reverse else list(get_user_model().objects.filter(pk__in=pk_set))
    for user in users:
        groups = list(user.groups.all())
        added = Group.objects.filter(pk__in=[instance.pk] if reverse else pk_set)
        problem = role_problem({*groups, *added}, user.is_superuser)
        if problem:
            raise ValidationError(problem)


def install_roles() -> list[tuple[Group, bool]]:
    """Create the three groups and give each exactly its permissions; idempotent."""
    out = []
    for role in ROLES:
        group, created = Group.objects.get_or_create(name=role.name)
        perms = []
        for dotted in role.permissions:
            app_label, codename = dotted.split(".")
            try:
                perms.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
            except Permission.DoesNotExist as exc:
                raise RuntimeError(f"permission {dotted} is missing: run migrate first") from exc
        group.permissions.set(perms)
        # A role carries no page, collection or other object permissions.
        group.page_permissions.all().delete()
        group.collection_permissions.all().delete()
        out.append((group, created))
    return out
