"""Admin wiring of staff authentication: two-factor pages, the 账号安全 screen, audit labels."""

from urllib.parse import urlsplit

from django.urls import Resolver404, path, resolve, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import account_data, lockout, roles, two_factor, views


@hooks.register("register_admin_urls")
def accounts_admin_urls():
    return [
        path("2fa/", views.two_factor_setup, name="accounts_2fa_setup"),
        path("2fa/verify/", views.two_factor_verify, name="accounts_2fa_verify"),
        path("security/", views.security, name="accounts_security"),
        path("security/unlock/", views.unlock, name="accounts_unlock"),
        path("security/2fa/<int:user_id>/reset/", views.reset_two_factor, name="accounts_reset_two_factor"),
    ]


class SecurityMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.has_perm("accounts.unlock_account") or user.has_perm("accounts.reset_two_factor")


@hooks.register("register_settings_menu_item")
def security_menu_item():
    return SecurityMenuItem(_("账号安全"), reverse("accounts_security"), icon_name="lock", order=610)


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("accounts_2fa_setup"),
        "label": _("双因素认证"),
        "help_text": _("身份验证器与恢复码"),
    }


@hooks.register("register_log_actions")
def accounts_log_actions(actions):
    actions.register_action(lockout.LOCKOUT, _("登录锁定"), _("登录失败次数过多，账号被锁定"))
    actions.register_action(lockout.UNLOCK, _("解除登录锁定"), _("解除了账号的登录锁定"))
    actions.register_action(two_factor.ENROL, _("启用双因素认证"), _("启用了双因素认证"))
    actions.register_action(two_factor.RESET, _("重置双因素认证"), _("重置了账号的双因素认证"))
    actions.register_action(two_factor.RECOVERY_USED, _("使用恢复码登录"), _("使用恢复码完成了登录验证"))
    actions.register_action(
        two_factor.RECOVERY_REGENERATED, _("重新生成恢复码"), _("重新生成了恢复码，原恢复码作废")
    )
    actions.register_action(two_factor.VERIFY_FAILED, _("双因素验证失败"), _("输入的验证码不正确"))
    actions.register_action(account_data.EXPORT, _("导出个人数据"), _("导出了账号的全部个人数据"))
    actions.register_action(account_data.DELETE, _("注销账号"), _("注销了账号，提交记录保留并解除关联"))
    actions.register_action(account_data.CLAIM, _("关联既往提交"), _("凭受理编号和查询码将提交关联到账号"))


def _without_denied(request, menu_items) -> None:
    """Hide the menu entries of views the user's administrator role is refused (三员分立)."""
    role = roles.role_of(request.user)
    if role is None:
        return
    denied = roles.DENIED_VIEWS.get(role.key, set())
    kept = []
    for item in menu_items:
        try:
            match = resolve(urlsplit(item.url).path) if getattr(item, "url", None) else None
        except Resolver404:
            match = None
        if match is None or match.view_name not in denied:
            kept.append(item)
    menu_items[:] = kept


hooks.register("construct_main_menu", _without_denied)
hooks.register("construct_reports_menu", _without_denied)
