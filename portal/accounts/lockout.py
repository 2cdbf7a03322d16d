"""Login lockout (django-axes): who is locked out, unlocking, and the audit of both.

Axes counts failures per username and IP address (``AXES_LOCKOUT_PARAMETERS``) on every call to
``django.contrib.auth.authenticate`` — the Wagtail admin login and the public login of 用户中心
(allauth) alike, by the login name :func:`login_name` reads — and refuses
further attempts, the right password included, for ``AXES_COOLOFF_TIME`` after
``AXES_FAILURE_LIMIT`` failures. A lockout is written to the audit trail once, when it starts;
an administrator's unlock is written with who did it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from portal.core.audit import log

LOCKOUT = "accounts.lockout"
UNLOCK = "accounts.unlock"


def _user(username: str | None):
    """The account a login name belongs to: a staff username, a citizen's e-mail or mobile."""
    if not username:
        return None
    User = get_user_model()
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
    if user is None and "@" in username:
        user = User.objects.filter(emailaddress__email__iexact=username).first()
    if user is None and username.startswith("+"):
        from portal.core.personal_data import blind_index

        user = User.objects.filter(citizen_profile__phone_index=blind_index(username)).first()
    return user


def login_name(request, credentials=None) -> str | None:
    """What axes counts failures by (``AXES_USERNAME_CALLABLE``): the staff username, or the
    citizen's e-mail address (lower case) or mobile number (+86…) however it was typed."""
    from .validators import normalise_phone

    credentials = credentials or {}
    data = getattr(request, "POST", {}) or {}
    username = credentials.get("username") or data.get("username")
    if username:
        return username
    name = str(credentials.get("email") or credentials.get("phone") or data.get("login") or "").strip()
    if not name:
        return None
    return name.lower() if "@" in name else normalise_phone(name)


@receiver(user_locked_out)
def audit_lockout(sender, request, username, ip_address, **kwargs):
    """Audit the failure that starts a lockout (later refused attempts only extend it)."""
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is not None and failures != get_failure_limit(request, {"username": username}):
        return
    data = {"username": username or "", "ip_address": ip_address or "", "failures": failures}
    instance = (
        _user(username) or AccessAttempt.objects.filter(username=username, ip_address=ip_address).first()
    )
    if instance is not None:
        log(instance, LOCKOUT, data=data)


@dataclass
class LockedAccount:
    username: str
    user: object | None
    failures: int
    last_attempt: datetime
    ip_addresses: list[str] = field(default_factory=list)


def locked_accounts() -> list[LockedAccount]:
    """Usernames with at least one (username, IP) pair at the failure limit, still cooling off."""
    limit = settings.AXES_FAILURE_LIMIT
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=limit)
    if get_cool_off() is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - get_cool_off())
    accounts: dict[str, LockedAccount] = {}
    for attempt in attempts.order_by("-attempt_time"):
        entry = accounts.get(attempt.username)
        if entry is None:
            entry = accounts[attempt.username] = LockedAccount(
                attempt.username, None, 0, attempt.attempt_time
            )
        entry.failures += attempt.failures_since_start
        entry.ip_addresses.append(attempt.ip_address or "")
    users = {
        u.get_username(): u
        for u in get_user_model().objects.filter(**{f"{get_user_model().USERNAME_FIELD}__in": list(accounts)})
    }
    for entry in accounts.values():
        entry.user = users.get(entry.username)
    return list(accounts.values())


def unlock(username: str, by) -> int:
    """Remove every recorded failure of ``username`` (all addresses); audited. Returns the count."""
    attempts = list(AccessAttempt.objects.filter(username=username))
    if not attempts:
        return 0
    data = {"username": username, "ip_addresses": sorted({a.ip_address or "" for a in attempts})}
    log(_user(username) or attempts[0], UNLOCK, user=by, data=data)
    return AxesProxyHandler.reset_attempts(username=username)


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login attempt gets (``AXES_LOCKOUT_CALLABLE``): HTTP 429, in Chinese."""
    from django.shortcuts import render

    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    staff = request.path.startswith(reverse("wagtailadmin_home"))
    template = "accounts/lockout.html" if staff else "accounts/citizen/lockout.html"
    response = render(request, template, context, status=429)
    response["Cache-Control"] = "private, no-store"
    if minutes:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
