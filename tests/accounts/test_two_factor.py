"""TOTP enrolment and the second login step, recovery codes, PORTAL_REQUIRE_2FA, reset."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from portal.accounts import two_factor

from .conftest import PASSWORD, login, totp_token

SETUP = "/admin/2fa/"
VERIFY = "/admin/2fa/verify/"


def enrol(client, user) -> list[str]:
    """Enrol ``user`` through the page; return the recovery codes it showed."""
    client.force_login(user)
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code, inline, no network
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert two_factor.secret(device) in page.content.decode()
    response = client.post(SETUP, {"token": totp_token(device)})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    return codes


def fresh_login(client, user):
    client.logout()
    assert login(client, user.username).status_code == 302


@pytest.mark.django_db
def test_enrolment_then_login_needs_the_authenticator_code(client, editor):
    enrol(client, editor)
    device = TOTPDevice.objects.get(user=editor)
    assert device.confirmed
    assert ModelLogEntry.objects.filter(action=two_factor.ENROL, object_id=str(editor.pk)).exists()

    fresh_login(client, editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == VERIFY + "?next=%2Fadmin%2Fpages%2F"
    page = client.get(VERIFY)
    assert "身份验证器" in page.content.decode()

    wrong = client.post(VERIFY, {"token": "000000", "next": "/admin/pages/"})
    assert "验证码不正确" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code's wait, skipped
    device.save()

    # The code of the next 30-second step: the one used to enrol cannot be replayed.
    ok = client.post(VERIFY, {"token": totp_token(device, offset=30), "next": "/admin/pages/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    assert client.get(VERIFY)["Location"] == "/admin/"  # already verified


@pytest.mark.django_db
def test_wrong_codes_are_throttled(client, editor):
    enrol(client, editor)
    fresh_login(client, editor)
    client.post(VERIFY, {"token": "000000"})
    device = TOTPDevice.objects.get(user=editor)
    refused = client.post(VERIFY, {"token": totp_token(device, offset=30)})
    assert "错误次数过多" in refused.content.decode()
    assert client.get("/admin/").status_code == 302
    assert ModelLogEntry.objects.filter(action=two_factor.VERIFY_FAILED).count() == 1


@pytest.mark.django_db
def test_a_recovery_code_works_once(client, editor):
    codes = enrol(client, editor)
    fresh_login(client, editor)
    assert client.post(VERIFY, {"token": codes[0].upper()}).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=editor).count() == 9
    used = ModelLogEntry.objects.get(action=two_factor.RECOVERY_USED)
    assert used.data["remaining"] == 9

    fresh_login(client, editor)
    again = client.post(VERIFY, {"token": codes[0]})
    assert again.status_code == 200 and "验证码" in again.content.decode()
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_recovery_codes_can_be_replaced_by_a_verified_user(client, editor):
    old = enrol(client, editor)
    status = client.get(SETUP)
    assert "10 个" in status.content.decode()
    response = client.post(SETUP, {"action": "regenerate"})
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert StaticToken.objects.filter(device__user=editor, token=old[0]).count() == 0


@pytest.mark.django_db
def test_a_wrong_first_code_does_not_enrol(client, editor):
    client.force_login(editor)
    client.get(SETUP)
    response = client.post(SETUP, {"token": "123"})
    assert "验证码不正确" in response.content.decode()
    assert not two_factor.has_device(editor)


@pytest.mark.django_db
def test_half_logged_in_is_anonymous_outside_the_admin(client, editor, home):
    enrol(client, editor)
    fresh_login(client, editor)
    response = client.get("/")
    assert response.status_code == 200
    assert response.wsgi_request.user.is_anonymous


def test_require_2fa_sends_unenrolled_staff_to_enrolment_first(client, editor, settings):
    settings.PORTAL_REQUIRE_2FA = True
    client.force_login(editor)
    for url in ("/admin/", "/admin/pages/", "/admin/audit/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(SETUP + "?next=")
    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(user=editor)
    response = client.post(SETUP, {"token": totp_token(device), "next": "/admin/notifications/"})
    assert 'href="/admin/notifications/"' in response.content.decode()
    assert client.get("/admin/notifications/").status_code == 200


def test_require_2fa_is_off_in_tests_and_on_in_production(settings):
    assert settings.PORTAL_REQUIRE_2FA is False
    source = (settings.BASE_DIR / "portal" / "settings" / "production.py").read_text()
    assert "PORTAL_REQUIRE_2FA = True" in source


def test_the_security_administrator_resets_two_factor(client, editor, admins):
    enrol(client, editor)
    security = client.__class__()
    security.force_login(admins.security)
    listing = security.get(reverse("accounts_security"))
    assert "edu_editor" in listing.content.decode()
    response = security.post(reverse("accounts_reset_two_factor", args=[editor.pk]))
    assert response.status_code == 302
    assert not two_factor.has_device(editor)
    entry = ModelLogEntry.objects.get(action=two_factor.RESET, object_id=str(editor.pk))
    assert entry.user == admins.security


def test_other_administrators_cannot_reset_two_factor(client, editor, admins):
    enrol(client, editor)
    for user in (admins.audit, admins.system):
        other = client.__class__()
        other.force_login(user)
        assert other.post(reverse("accounts_reset_two_factor", args=[editor.pk])).status_code == 403
    assert client.post(reverse("accounts_reset_two_factor", args=[editor.pk])).status_code == 403
    assert two_factor.has_device(editor)


def test_an_administrators_device_is_reset_by_a_superuser_only(client, admins, django_user_model):
    enrol(client, admins.audit)
    security = client.__class__()
    security.force_login(admins.security)
    assert "只能由超级管理员重置" in security.get(reverse("accounts_security")).content.decode()
    assert security.post(reverse("accounts_reset_two_factor", args=[admins.audit.pk])).status_code == 403
    root = django_user_model.objects.create_superuser("root", "root@example.gov.cn", PASSWORD)
    superuser = client.__class__()
    superuser.force_login(root)
    assert superuser.post(reverse("accounts_reset_two_factor", args=[admins.audit.pk])).status_code == 302
    assert not two_factor.has_device(admins.audit)
