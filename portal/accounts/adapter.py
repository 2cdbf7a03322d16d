"""django-allauth's hooks for the portal's public accounts.

allauth runs the flows (sign-up, verification codes, login, password reset); this adapter says
where the mobile number lives (:class:`~portal.accounts.models.CitizenProfile`, encrypted, found
by its blind index), how codes reach people (:mod:`portal.accounts.senders`), that usernames are
random (a login name is an e-mail address or a mobile number, never shown or logged), and that an
account with an authenticator app finishes its login at the second step.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django import forms
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.personal_data import blind_index

from . import senders, two_factor
from .models import CitizenProfile
from .validators import normalise_phone, validate_phone


class MobileField(forms.CharField):
    """An 11-digit mainland mobile number, stored as +86…"""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("手机号码"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "numeric"}),
        )
        kwargs.setdefault("validators", [validate_phone])
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_phone(value) if value else value


class PortalAccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": gettext_lazy("电子邮箱或密码不正确。"),
        "phone_password_mismatch": gettext_lazy("手机号码或密码不正确。"),
        "username_password_mismatch": gettext_lazy("账号或密码不正确。"),
        "phone_taken": gettext_lazy("该手机号码已注册。"),
        "email_taken": gettext_lazy("该电子邮箱已注册。"),
        "too_many_login_attempts": gettext_lazy("登录失败次数过多，请稍后再试。"),
        "incorrect_code": gettext_lazy("验证码不正确。"),
        "unknown_phone": gettext_lazy("该手机号码未注册。"),
    }

    # -- messages ---------------------------------------------------------------------------

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        message = self.render_mail(template_prefix, email, ctx)
        senders.send("email", email, message.subject, message.body)

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        body = _("【示范区门户网站】您的验证码是 %(code)s，15 分钟内有效。如非本人操作，请忽略本短信。") % {
            "code": code
        }
        senders.send("phone", phone, _("验证码"), body)

    def send_account_already_exists_sms(self, phone: str) -> None:
        # Sign-up with a registered number looks like any other sign-up (no enumeration); the owner is told.
        body = _("【示范区门户网站】有人尝试用本号码注册账号，本号码已注册。如忘记密码，请使用“找回密码”。")
        senders.send("phone", phone, _("账号已存在"), body)

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        body = _("【示范区门户网站】本号码尚未注册用户中心账号，如需使用请先注册。")
        senders.send("phone", phone, _("账号不存在"), body)

    def add_message(
        self, request, level, message_template=None, message_context=None, extra_tags="", message=None
    ):
        # "Successfully signed in as u3f9c…" names the internal username: the pages say enough.
        if message_template in ("account/messages/logged_in.txt", "account/messages/logged_out.txt"):
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message=message)

    # -- the mobile number ------------------------------------------------------------------

    def phone_form_field(self, **kwargs):
        kwargs.pop("label", None)
        return MobileField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        return normalise_phone(phone)

    def set_phone(self, user, phone: str, verified: bool) -> None:
        profile, _created = CitizenProfile.objects.get_or_create(user=user)
        profile.phone = normalise_phone(phone)
        profile.phone_verified = verified
        profile.save()

    def get_phone(self, user):
        profile = CitizenProfile.objects.filter(user=user).first()
        if profile is None or not profile.phone:
            return None
        return profile.phone, profile.phone_verified

    def set_phone_verified(self, user, phone: str) -> None:
        CitizenProfile.objects.filter(user=user, phone_index=blind_index(normalise_phone(phone))).update(
            phone_verified=True
        )

    def get_user_by_phone(self, phone: str):
        index = blind_index(normalise_phone(phone))
        if not index:
            return None
        profile = CitizenProfile.objects.select_related("user").filter(phone_index=index).first()
        return profile.user if profile else None

    # -- accounts ---------------------------------------------------------------------------

    def populate_username(self, request, user) -> None:
        # The login names are the e-mail address and the mobile number; the username is internal.
        user.username = f"u{secrets.token_hex(6)}"

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            CitizenProfile.objects.get_or_create(user=user)
        return user

    def get_login_stages(self) -> list[str]:
        return [
            "portal.accounts.stages.EmailVerificationStage"
            if path == "allauth.account.stages.EmailVerificationStage"
            else path
            for path in super().get_login_stages()
        ]

    def post_login(self, request, user, *, redirect_url=None, **kwargs):
        """An account with an authenticator app goes to the second step before anything else."""
        response = super().post_login(request, user, redirect_url=redirect_url, **kwargs)
        if two_factor.has_device(user) and isinstance(response, HttpResponseRedirect):
            target = response.url
            response = HttpResponseRedirect(
                reverse("accounts:totp_verify") + "?" + urlencode({"next": target})
            )
        return response


def user_display(user) -> str:
    """How allauth's pages name a public account (``ACCOUNT_USER_DISPLAY``): the masked e-mail
    address or mobile number, never the internal username."""
    from portal.core.personal_data import mask

    if user.email:
        return mask(user.email, "email")
    profile = CitizenProfile.objects.filter(user=user).first()
    if profile and profile.phone:
        return mask(profile.national_phone, "phone")
    return user.get_full_name() or _("用户")
