"""用户中心 (/yonghu/): allauth's flows under Chinese-portal paths, and the portal's own pages.

allauth's views keep their global names (``account_login`` …) so its redirects work; the
portal's pages are in the ``accounts`` namespace.
"""

from allauth.account import views as aa
from django.urls import include, path

from . import citizen_views as views

allauth_patterns = [
    path("denglu/", aa.login, name="account_login"),
    path("tuichu/", aa.logout, name="account_logout"),
    path("tingyong/", aa.account_inactive, name="account_inactive"),
    path("zhuce/", aa.signup, name="account_signup"),
    path("chongxin-yanzheng/", aa.reauthenticate, name="account_reauthenticate"),
    path(
        "chongxin-yanzheng/yanzhengma/",
        aa.request_reauthentication_code,
        name="account_request_reauthentication_code",
    ),
    path(
        "chongxin-yanzheng/queren/",
        aa.confirm_reauthentication_code,
        name="account_confirm_reauthentication_code",
    ),
    path("youxiang/", aa.email, name="account_email"),
    path("youxiang/yanzheng/", aa.email_verification_sent, name="account_email_verification_sent"),
    path("mima/xiugai/", aa.password_change, name="account_change_password"),
    path("mima/shezhi/", aa.password_set, name="account_set_password"),
    path("zhaohui-mima/", aa.password_reset, name="account_reset_password"),
    path(
        "zhaohui-mima/yanzhengma/", aa.confirm_password_reset_code, name="account_confirm_password_reset_code"
    ),
    path("zhaohui-mima/xin-mima/", aa.complete_password_reset, name="account_complete_password_reset"),
    path("zhaohui-mima/wancheng/", aa.password_reset_from_key_done, name="account_password_reset_completed"),
    path("denglu/yanzhengma/queren/", aa.confirm_login_code, name="account_confirm_login_code"),
    path("shouji/yanzheng/", aa.verify_phone, name="account_verify_phone"),
    path("shouji/xiugai/", aa.change_phone, name="account_change_phone"),
]

portal_patterns = [
    path("", views.home, name="home"),
    path("zhuye/paixu/", views.home_move, name="home_move"),
    path("shezhi/", views.account_settings, name="settings"),
    path("shezhi/shiming/", views.real_name, name="real_name"),
    path("shezhi/shenfen-yanzhengqi/", views.totp_setup, name="totp_setup"),
    path("shezhi/shenfen-yanzhengqi/guanbi/", views.totp_disable, name="totp_disable"),
    path("denglu/shenfen-yanzheng/", views.totp_verify, name="totp_verify"),
    path("qiye/", views.enterprise_create, name="enterprise_create"),
    path("qiye/<int:pk>/", views.enterprise_detail, name="enterprise"),
    path("guanlian/", views.claim, name="claim"),
    path("shoucang/", views.favourite, name="favourite"),
    path("shuju/daochu/", views.data_export, name="export"),
    path("zhuxiao/", views.delete_account, name="delete"),
]

urlpatterns = [*allauth_patterns, path("", include((portal_patterns, "accounts")))]
