"""Staff accounts for the authentication tests: an editor, and the three administrator roles."""

import time
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import TOTP

from portal.accounts import roles
from portal.core.models import StaffProfile
from tests import factories

PASSWORD = "pass-Word-2026"


@pytest.fixture
def axes_on(settings):
    """Lockout counting, as in production (the test settings turn it off for `client.login`)."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


@pytest.fixture
def editor(db):
    return factories.staff_user(
        factories.organisation(name="示范区教育局"), StaffProfile.Role.EDITOR, "edu_editor"
    )


def admin_user(role: roles.Role, username: str):
    user = get_user_model().objects.create_user(username, password=PASSWORD, first_name=role.name)
    user.groups.add(Group.objects.get(name=role.name))
    return user


@pytest.fixture
def admins(db):
    roles.install_roles()
    return SimpleNamespace(
        system=admin_user(roles.SYSTEM, "sysadmin"),
        security=admin_user(roles.SECURITY, "secadmin"),
        audit=admin_user(roles.AUDIT, "auditadmin"),
    )


def totp_token(device, offset: int = 0) -> str:
    """The code an authenticator app shows ``offset`` seconds from now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():0{device.digits}d}"


def login(client, username, password=PASSWORD, next_url="/admin/"):
    return client.post("/admin/login/", {"username": username, "password": password, "next": next_url})
