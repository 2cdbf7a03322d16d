"""Lockout and throttling on the one login form, the Chinese lockout page, the audited unlock."""

from axes.models import AccessAttempt
from django.urls import reverse
from wagtail.models import ModelLogEntry

from portal.accounts import lockout

from .conftest import PASSWORD, login


def _logged_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_thirty_wrong_passwords_lock_the_account_until_a_security_admin_unlocks_it(
    client, axes_on, editor, admins
):
    answers = [login(client, "edu_editor", "wrong-password").status_code for _ in range(30)]
    assert answers[:4] == [200] * 4  # the login form again, with its error
    assert set(answers[4:]) == {429}

    response = login(client, "edu_editor", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "账号已锁定" in page and "正确的密码也无法登录" in page and "30 分钟" in page
    assert response["Retry-After"] == "1800"
    assert not _logged_in(client)

    # One audit entry when the lockout starts, not one per refused attempt.
    entries = ModelLogEntry.objects.filter(action=lockout.LOCKOUT, object_id=str(editor.pk))
    assert entries.count() == 1
    assert entries.get().data["ip_address"] == "127.0.0.1"

    [locked] = lockout.locked_accounts()
    assert locked.username == "edu_editor" and locked.user == editor

    security = client.__class__()
    security.force_login(admins.security)
    listing = security.get(reverse("accounts_security"))
    assert listing.status_code == 200 and "edu_editor" in listing.content.decode()
    assert security.post(reverse("accounts_unlock"), {"username": "edu_editor"}).status_code == 302

    unlock = ModelLogEntry.objects.get(action=lockout.UNLOCK, object_id=str(editor.pk))
    assert unlock.user == admins.security
    assert not AccessAttempt.objects.filter(username="edu_editor").exists()

    assert login(client, "edu_editor", PASSWORD).status_code == 302
    assert _logged_in(client)


def test_lockout_is_per_username_and_address(client, axes_on, editor):
    for _ in range(5):
        login(client, "edu_editor", "wrong-password")
    assert login(client, "edu_editor", PASSWORD).status_code == 429
    other_address = client.post(
        "/admin/login/", {"username": "edu_editor", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert other_address.status_code == 302


def test_failures_below_the_limit_are_forgotten_after_a_good_login(client, axes_on, editor):
    for _ in range(4):
        login(client, "edu_editor", "wrong-password")
    assert login(client, "edu_editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, "edu_editor", "wrong-password").status_code == 200


def test_an_unknown_username_is_locked_and_unlocked_too(client, axes_on, admins):
    for _ in range(5):
        login(client, "nobody", "x")
    [locked] = lockout.locked_accounts()
    assert locked.user is None
    assert ModelLogEntry.objects.filter(action=lockout.LOCKOUT).count() == 1
    assert lockout.unlock("nobody", by=admins.security) == 1
    assert lockout.unlock("nobody", by=admins.security) == 0


def test_only_the_security_administrator_unlocks(client, axes_on, editor, admins):
    for _ in range(5):
        login(client, "edu_editor", "wrong-password")
    for user in (admins.audit, admins.system, editor):
        other = client.__class__()
        other.force_login(user)
        assert other.post(reverse("accounts_unlock"), {"username": "edu_editor"}).status_code == 403
        assert other.get(reverse("accounts_security")).status_code == 403
    assert AccessAttempt.objects.filter(username="edu_editor").exists()


def test_unlocking_an_account_that_is_not_locked_says_so(client, admins):
    client.force_login(admins.security)
    response = client.post(reverse("accounts_unlock"), {"username": "edu_editor"}, follow=True)
    assert "没有被锁定" in response.content.decode()
