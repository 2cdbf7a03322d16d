"""Registration, verification, login and password reset of public accounts (django-allauth)."""

import pytest
from django.contrib.auth import get_user_model

from portal.accounts import senders
from portal.accounts.models import CitizenProfile

from .citizens import PASSWORD, citizen, last_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _outbox():
    senders.outbox.clear()
    yield
    senders.outbox.clear()


def signup(client, **data):
    return client.post("/yonghu/zhuce/", {"password1": PASSWORD, "password2": PASSWORD, **data})


def test_signup_page_is_chinese_and_never_cached(client):
    response = client.get("/yonghu/zhuce/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "注册" in html and "手机号码" in html and "电子邮箱" in html
    assert "no-store" in response["Cache-Control"]


def test_register_with_email_and_code(client):
    response = signup(client, email="li@example.cn")
    assert response.status_code == 302
    assert response["Location"] == "/yonghu/youxiang/yanzheng/"
    code = last_code("li@example.cn")
    response = client.post("/yonghu/youxiang/yanzheng/", {"code": code})
    assert response.status_code == 302
    user = get_user_model().objects.get(email="li@example.cn")
    assert user.emailaddress_set.get().verified
    assert not user.username.startswith("li")  # the username is internal and random
    assert client.get("/yonghu/").status_code == 200
    assert not user.is_staff and not user.has_perm("wagtailadmin.access_admin")


def test_register_with_phone_and_code(client):
    response = signup(client, phone="138 1234 5678")
    assert response.status_code == 302
    assert response["Location"] == "/yonghu/shouji/yanzheng/"
    message = senders.outbox[-1]
    assert message.kind == "phone" and message.recipient == "+8613812345678"
    response = client.post("/yonghu/shouji/yanzheng/", {"code": "WRONG1"})
    assert response.status_code == 200
    response = client.post("/yonghu/shouji/yanzheng/", {"code": last_code("+8613812345678")})
    assert response.status_code == 302
    profile = CitizenProfile.objects.get()
    assert profile.phone == "+8613812345678" and profile.phone_verified
    assert profile.phone_index and "13812345678" not in profile.phone_index
    assert client.get("/yonghu/").status_code == 200


def test_signup_needs_phone_or_email_and_keeps_input(client):
    response = signup(client, phone="", email="")
    assert response.status_code == 200
    assert "请填写手机号码或电子邮箱，至少一项。" in response.content.decode()
    response = signup(client, phone="12345", email="")
    html = response.content.decode()
    assert "请输入 11 位手机号码。" in html and 'value="12345"' in html


def test_duplicate_phone_reveals_nothing_but_tells_the_owner(client):
    citizen(email=None, phone="+8613900001111")
    response = signup(client, phone="13900001111")
    assert response.status_code == 302  # the same answer as a new number: no enumeration
    assert CitizenProfile.objects.count() == 1
    assert "本号码已注册" in senders.outbox[-1].body


def test_login_with_email_or_phone(client):
    citizen(email="wang@example.cn", phone="+8613700002222")
    response = client.post("/yonghu/denglu/", {"login": "wang@example.cn", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/yonghu/"
    client.post("/yonghu/tuichu/")
    response = client.post("/yonghu/denglu/", {"login": "137 0000 2222", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/yonghu/").status_code == 200


def test_wrong_password_is_a_chinese_field_error(client):
    citizen(email="wang@example.cn")
    response = client.post("/yonghu/denglu/", {"login": "wang@example.cn", "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "电子邮箱或密码不正确。" in html and 'value="wang@example.cn"' in html
    assert "no-store" in response["Cache-Control"]


def test_login_page_and_next(client):
    response = client.get("/yonghu/shezhi/")
    assert response.status_code == 302 and response["Location"].startswith("/yonghu/denglu/?next=")
    response = client.get("/yonghu/denglu/?next=/yonghu/shezhi/")
    assert 'value="/yonghu/shezhi/"' in response.content.decode()


def test_password_reset_by_code(client):
    user = citizen(email="zhao@example.cn")
    response = client.post("/yonghu/zhaohui-mima/", {"email": "zhao@example.cn"})
    assert response.status_code == 302
    code = last_code("zhao@example.cn")
    response = client.post(response["Location"], {"code": code})
    assert response.status_code == 302
    new = "Xin-mima-2026!"
    response = client.post(response["Location"], {"password1": new, "password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_citizen_cannot_enter_the_admin(client):
    citizen(email="wang@example.cn")
    client.post("/yonghu/denglu/", {"login": "wang@example.cn", "password": PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
