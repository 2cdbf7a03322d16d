"""Citizen logins go through the same lockout as staff (django-axes), with the public lockout
page and the security administrator's unlock; an optional authenticator app for citizens."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from portal.accounts import lockout, two_factor

from .citizens import PASSWORD, citizen
from .conftest import totp_token

pytestmark = pytest.mark.django_db


def login(client, name, password=PASSWORD, **extra):
    return client.post("/yonghu/denglu/", {"login": name, "password": password}, **extra)


def test_repeated_failures_lock_the_citizen_out_until_unlocked(client, axes_on, admins):
    user = citizen(email="wang@example.cn", phone="+8613700002222")
    answers = [login(client, "wang@example.cn", "wrong").status_code for _ in range(7)]
    assert answers[:4] == [200] * 4
    assert set(answers[4:]) == {429}
    response = login(client, "wang@example.cn")
    assert response.status_code == 429
    page = response.content.decode()
    assert "账号已锁定" in page and "正确的密码也无法登录" in page and "用户中心" in page
    assert "no-store" in response["Cache-Control"]
    assert client.get("/yonghu/").status_code == 302

    entry = ModelLogEntry.objects.get(action=lockout.LOCKOUT, object_id=str(user.pk))
    assert entry.data["username"] == "wang@example.cn"
    [locked] = lockout.locked_accounts()
    assert locked.username == "wang@example.cn"

    security = client.__class__()
    security.force_login(admins.security)
    assert "wang@example.cn" in security.get(reverse("accounts_security")).content.decode()
    security.post(reverse("accounts_unlock"), {"username": "wang@example.cn"})
    assert ModelLogEntry.objects.get(action=lockout.UNLOCK, object_id=str(user.pk)).user == admins.security
    assert not AccessAttempt.objects.exists()

    assert login(client, "wang@example.cn").status_code == 302
    assert client.get("/yonghu/").status_code == 200


def test_a_mobile_number_counts_as_one_login_name_however_typed(client, axes_on):
    citizen(email=None, phone="+8613700002222")
    for typed in ["13700002222", "137 0000 2222", "+86 137-0000-2222", "13700002222", "+8613700002222"]:
        login(client, typed, "wrong")
    assert AccessAttempt.objects.get().username == "+8613700002222"
    assert login(client, "13700002222").status_code == 429


def test_login_name_reader():
    class Request:
        POST = {"login": " Wang@Example.CN "}

    assert lockout.login_name(Request()) == "wang@example.cn"
    assert lockout.login_name(Request(), {"username": "edu_editor"}) == "edu_editor"
    assert lockout.login_name(type("R", (), {"POST": {}})()) is None


def _enrol(client):
    page = client.get("/yonghu/shezhi/shenfen-yanzhengqi/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post("/yonghu/shezhi/shenfen-yanzhengqi/", {"token": "abc"})
    assert "验证码不正确" in response.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    device.refresh_from_db()
    response = client.post("/yonghu/shezhi/shenfen-yanzhengqi/", {"token": totp_token(device)})
    assert "以下恢复码只显示这一次" in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_a_citizen_may_turn_on_an_authenticator(client):
    user = citizen(email="wang@example.cn")
    assert login(client, "wang@example.cn").status_code == 302
    device = _enrol(client)
    assert "已启用" in client.get("/yonghu/shezhi/").content.decode()
    client.post("/yonghu/tuichu/")

    response = login(client, "wang@example.cn")
    assert response.status_code == 302 and response["Location"].startswith("/yonghu/denglu/shenfen-yanzheng/")
    # Half a login: the personal pages send to the second step, public pages see no one.
    assert client.get("/yonghu/shezhi/")["Location"].startswith("/yonghu/denglu/shenfen-yanzheng/")
    step = client.get(response["Location"])
    assert step.status_code == 200 and "身份验证器" in step.content.decode()
    wrong = client.post(response["Location"], {"token": "123456", "next": "/yonghu/shezhi/"})
    assert "验证码不正确。" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post(response["Location"], {"token": totp_token(device, 30), "next": "/yonghu/shezhi/"})
    assert ok.status_code == 302 and ok["Location"] == "/yonghu/shezhi/"
    assert client.get("/yonghu/shezhi/").status_code == 200

    # Turning it off needs the password.
    client.post("/yonghu/shezhi/shenfen-yanzhengqi/guanbi/", {"password": "wrong"})
    assert two_factor.has_device(user)
    client.post("/yonghu/shezhi/shenfen-yanzhengqi/guanbi/", {"password": PASSWORD})
    assert not two_factor.has_device(user)


def test_the_second_step_without_a_login_goes_to_the_login(client):
    assert client.get("/yonghu/denglu/shenfen-yanzheng/")["Location"] == "/yonghu/denglu/"
    citizen(email="wang@example.cn")
    login(client, "wang@example.cn")
    # No authenticator: nothing to verify.
    assert client.get("/yonghu/denglu/shenfen-yanzheng/")["Location"] == "/yonghu/"
