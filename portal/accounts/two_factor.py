"""Two-factor authentication of staff (django-otp): an authenticator app (TOTP) plus ten
single-use recovery codes.

A staff account enrols once (:func:`start_enrolment` → :func:`confirm_enrolment`); from then on a
password login is only half a login until :func:`verify` accepts a code from the app or a recovery
code, which is used up. A security administrator's :func:`reset` removes both devices, so the
account enrols again at its next login. Every step is written to the audit trail.
"""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.core.audit import log

ENROL = "accounts.2fa.enrol"
RECOVERY_USED = "accounts.2fa.recovery_used"
RECOVERY_REGENERATED = "accounts.2fa.recovery_regenerated"
RESET = "accounts.2fa.reset"
VERIFY_FAILED = "accounts.2fa.verify_failed"

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "身份验证器"
RECOVERY_NAME = "恢复码"


def has_device(user) -> bool:
    """Whether the account has a confirmed authenticator (so its logins need a second step)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needs_enrolment(user) -> bool:
    """Staff without a confirmed device, when ``PORTAL_REQUIRE_2FA`` is on."""
    return (
        getattr(settings, "PORTAL_REQUIRE_2FA", False)
        and user.has_perm("wagtailadmin.access_admin")
        and not has_device(user)
    )


def start_enrolment(user) -> TOTPDevice:
    """The account's unconfirmed authenticator, created once and reused until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def secret(device: TOTPDevice) -> str:
    """The key as the base32 text an authenticator app accepts when typed in."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def qr_svg(device: TOTPDevice) -> str:
    """The ``otpauth://`` enrolment link as inline SVG markup (no network, no data: URI for CSP)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    markup = image.to_string(encoding="unicode")
    return markup[markup.index("<svg") :]


def _concrete(user):
    """``request.user`` itself, not the lazy wrapper (Wagtail's log registry looks at the type)."""
    user.pk  # noqa: B018 - evaluates the lazy object
    return getattr(user, "_wrapped", user)


def _normalise(token: str) -> str:
    return "".join((token or "").split()).lower()


def confirm_enrolment(request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with its first code; return the new recovery codes, else None."""
    if device.confirmed or not device.verify_token(_normalise(token)):
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        codes = _new_recovery_codes(device.user)
        log(device.user, ENROL, user=request.user)
    otp_login(request, device)
    return codes


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def regenerate_recovery_codes(request) -> list[str]:
    """Replace the signed-in (verified) user's recovery codes; the old ones stop working."""
    with transaction.atomic():
        user = _concrete(request.user)
        codes = _new_recovery_codes(user)
        log(user, RECOVERY_REGENERATED, user=user)
    return codes


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify(request, token: str):
    """Second step of a login: accept a code from the app or an unused recovery code.

    Returns the device that accepted it (now remembered in the session), else None. Each device
    throttles its own failures (django-otp doubles the wait after each wrong code).
    """
    user, token = _concrete(request.user), _normalise(token)
    if not token:
        return None
    accepted = None
    with transaction.atomic():
        for device in _kind(token).objects.devices_for_user(user, confirmed=True).select_for_update():
            if device.verify_is_allowed()[0] and device.verify_token(token):
                accepted = device
                break
    if accepted is not None:
        request.session.cycle_key()
        otp_login(request, accepted)
        if isinstance(accepted, StaticDevice):
            log(user, RECOVERY_USED, user=user, data={"remaining": remaining_recovery_codes(user)})
        return accepted
    log(user, VERIFY_FAILED, user=user)
    return None


def _kind(token: str):
    """Six digits are an authenticator code; anything else can only be a recovery code."""
    return TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice


def throttled(user, token: str) -> bool:
    """Whether the devices that could take ``token`` are all waiting out their failure delay."""
    devices = list(_kind(_normalise(token)).objects.devices_for_user(user, confirmed=True))
    return bool(devices) and not any(d.verify_is_allowed()[0] for d in devices)


def reset(target, by) -> bool:
    """Remove the account's authenticator and recovery codes (it enrols again); audited."""
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=target).delete()[0]
        removed += StaticDevice.objects.filter(user=target).delete()[0]
        if removed:
            log(target, RESET, user=by)
    return bool(removed)


def enrolled_users():
    from django.contrib.auth import get_user_model

    ids = TOTPDevice.objects.filter(confirmed=True).values("user_id")
    return get_user_model().objects.filter(pk__in=ids).order_by("username")
