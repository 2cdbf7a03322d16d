"""What the accounts app contributes to the registries of ``core``: the administrator roles' rule,
the export sections of the account and of public submissions, the 我的账号 homepage module."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.registry import staff_group_rules
from portal.core.user_space import DataProvider, HomeModule, home_modules
from portal.sso.claims import claim_sources

from . import account_data  # noqa: F401 - registers the account and submissions export sections
from .roles import role_problem

# An administrator (系统/安全/审计管理员) holds no other group, so gets no 工作人员 record.
staff_group_rules.register("admin_roles", role_problem)


def _account_module(request):
    from .models import CitizenProfile, EnterpriseMember

    memberships = EnterpriseMember.objects.filter(user=request.user).select_related("enterprise")
    profile = CitizenProfile.objects.filter(user=request.user).first()
    return {
        "phone": profile.national_phone if profile else "",
        "memberships": list(memberships),
        "settings_url": reverse("accounts:settings"),
        "claim_url": reverse("accounts:claim"),
    }


home_modules.register(
    "account",
    HomeModule("account", _("我的账号"), "accounts/citizen/modules/account.html", _account_module, 0),
)


def _favourites(request):
    from .models import Favourite

    kept = Favourite.objects.filter(user=request.user).select_related("page")[:10]
    return {"favourites": [f for f in kept if f.page.live]}


def _export_favourites(user) -> list[dict]:
    from .models import Favourite

    return [
        {"页面": f.page.title, "地址": f.page.url, "收藏时间": f.created_at.isoformat()}
        for f in Favourite.objects.filter(user=user).select_related("page")
    ]


home_modules.register(
    "favourites",
    HomeModule("favourites", _("收藏"), "accounts/citizen/modules/favourites.html", _favourites, 50),
)
account_data.register(DataProvider("favourites", _("收藏"), _export_favourites, order=20))


def _oidc_claims(user) -> dict:
    """What 一号登录 may release about a public account: the real name when given (else the name
    on the account, else the masked login name — never the internal username), the verified
    mobile number and e-mail."""
    from allauth.account.models import EmailAddress

    from .adapter import user_display

    profile = getattr(user, "citizen_profile", None)  # None for staff and for accounts without one
    if profile is None:
        return {}
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first() if user.email else None
    label = str(user_display(user))
    if profile.real_name:
        name = profile.real_name
    elif user.get_full_name().strip():
        name = None  # the provider's default: the name on the account
    else:
        name = label
    return {
        "name": name,
        "preferred_username": label,
        "phone_number": profile.phone or None,
        "phone_number_verified": profile.phone_verified if profile.phone else None,
        "email_verified": address.verified if address else None,
    }


claim_sources.register("accounts", _oidc_claims)
