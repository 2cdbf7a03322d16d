"""What every staff request passes after authentication: idle expiry, the second factor, the
administrator role limits.

``StaffSecurityMiddleware`` sits after django-otp's ``OTPMiddleware`` and:

1. logs out a session left idle longer than ``PORTAL_SESSION_IDLE_TIMEOUT`` seconds (the last
   activity is stored in the session, rewritten at most once a minute);
2. sends an account with a confirmed authenticator whose session has not passed the second step
   to the verification page before any other admin page, and treats it as anonymous outside the
   admin (no restricted page, document or preview on half a login);
3. with ``PORTAL_REQUIRE_2FA``, sends staff without an authenticator to enrolment first;
4. answers 403 when an administrator role opens a view its role is denied (``roles.DENIED_VIEWS``),
   and when anyone without the permission opens the 账号安全 screens.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import roles, two_factor

LAST_ACTIVITY_KEY = "portal_last_activity"
# Admin views open to a session that has not finished logging in.
OPEN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "accounts_2fa_verify",
    "accounts_2fa_setup",
}
# Public (用户中心) views open to a citizen session that has not passed its authenticator step.
PUBLIC_OPEN_VIEWS = {"accounts:totp_verify", "account_logout"}
# The 账号安全 screens answer a plain 403 (Wagtail would redirect to the dashboard) without one of these.
REQUIRED_PERMISSIONS = {
    "accounts_security": ("accounts.unlock_account", "accounts.reset_two_factor"),
    "accounts_unlock": ("accounts.unlock_account",),
    "accounts_reset_two_factor": ("accounts.reset_two_factor",),
}


class StaffSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    @staticmethod
    def _idle_expired(request) -> bool:
        timeout = getattr(settings, "PORTAL_SESSION_IDLE_TIMEOUT", 0)
        if not timeout:
            return False
        now = int(time.time())
        last = request.session.get(LAST_ACTIVITY_KEY)
        if isinstance(last, int) and now - last > timeout:
            return True
        if not isinstance(last, int) or now - last >= 60:
            request.session[LAST_ACTIVITY_KEY] = now
        return False

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        match = request.resolver_match
        view_name = match.view_name if match else ""
        in_admin = request.path.startswith(reverse("wagtailadmin_home"))
        if self._idle_expired(request):
            logout(request)
            if in_admin and view_name != "wagtailadmin_login":
                messages.warning(request, _("由于长时间未操作，您已退出登录，请重新登录。"))
                return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
            return None
        verified = user.is_verified()
        if not verified and two_factor.has_device(user):
            if not in_admin:
                if view_name in PUBLIC_OPEN_VIEWS:
                    return None
                if view_name.startswith("accounts:"):
                    return self._to("accounts:totp_verify", request)
                request.user = AnonymousUser()
                return None
            if view_name not in OPEN_VIEWS:
                return self._to("accounts_2fa_verify", request)
            return None
        if in_admin and view_name not in OPEN_VIEWS and two_factor.needs_enrolment(user):
            return self._to("accounts_2fa_setup", request)
        role = roles.role_of(user)
        if role and view_name in roles.DENIED_VIEWS[role.key]:
            raise PermissionDenied
        needed = REQUIRED_PERMISSIONS.get(view_name)
        if needed and not any(user.has_perm(perm) for perm in needed):
            raise PermissionDenied
        return None

    @staticmethod
    def _to(view_name: str, request):
        url = reverse(view_name)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
