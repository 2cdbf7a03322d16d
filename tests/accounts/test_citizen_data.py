"""The data export, account deletion and claiming past submissions (tests/core/caseapp's
letters stand for every app's public submissions: accounts knows none of them)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from wagtail.models import ModelLogEntry

from portal.accounts import account_data
from portal.accounts.models import CitizenProfile
from tests.core.caseapp.models import Letter

from .citizens import PASSWORD, citizen

pytestmark = pytest.mark.django_db


def letter(number: str, code: str = "ABCD2345", account=None, **fields) -> Letter:
    return Letter.objects.create(
        tracking_number=number,
        query_code_hash=make_password(code),
        account=account,
        name=fields.pop("name", "张明"),
        phone=fields.pop("phone", "13800001111"),
        body=fields.pop("body", "小区路灯不亮"),
        **fields,
    )


def signed_in(client, email="zhang@example.cn", **kwargs):
    user = citizen(email=email, **kwargs)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return user


def test_export_contains_the_users_submissions_and_nothing_of_anyone_elses(client):
    user = signed_in(client, phone="+8613800001111")
    other = citizen(email="li@example.cn")
    letter("XJ20261201000001", account=user, body="我的来信：路灯")
    letter("XJ20261201000002", account=other, body="别人的来信：噪音", name="李四")
    letter("XJ20261201000003", body="匿名来信")
    profile = CitizenProfile.objects.get(user=user)
    profile.real_name, profile.id_number = "张明", "11010519491231002X"
    profile.save()

    assert "JSON" in client.get("/yonghu/shuju/daochu/").content.decode()
    response = client.post("/yonghu/shuju/daochu/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    text = response.content.decode()
    submissions = data["submissions"]["数据"]
    assert [s["受理编号"] for s in submissions] == ["XJ20261201000001"]
    assert submissions[0]["内容"] == "我的来信：路灯"
    assert "别人的来信" not in text and "匿名来信" not in text and "李四" not in text
    assert "li@example.cn" not in text
    assert "query_code_hash" not in text and "pbkdf2" not in text and "md5$" not in text
    account = data["account"]["数据"]
    assert account["电子邮箱"][0]["地址"] == "zhang@example.cn"
    assert account["公众账号"]["手机号码"] == "+8613800001111"
    assert account["公众账号"]["身份证号码"] == "11010519491231002X"
    assert ModelLogEntry.objects.filter(action=account_data.EXPORT, object_id=str(user.pk)).exists()


def test_deletion_needs_the_password_and_keeps_the_submissions_unlinked(client):
    user = signed_in(client)
    kept = letter("XJ20261201000009", account=user)
    response = client.post("/yonghu/zhuxiao/", {"password": "wrong"})
    assert response.status_code == 200 and "密码不正确。" in response.content.decode()
    assert get_user_model().objects.filter(pk=user.pk).exists()

    response = client.post("/yonghu/zhuxiao/", {"password": PASSWORD})
    assert response.status_code == 200 and "账号已注销" in response.content.decode()
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not CitizenProfile.objects.filter(user_id=user.pk).exists()
    kept.refresh_from_db()
    assert kept.account_id is None and kept.body == "小区路灯不亮"
    entry = ModelLogEntry.objects.get(action=account_data.DELETE, object_id=str(user.pk))
    assert entry.data["username"] == user.username
    assert client.get("/yonghu/").status_code == 302  # signed out


def test_claim_links_a_past_submission(client):
    user = signed_in(client)
    past = letter("XJ20261130000004", code="QWER5678")
    response = client.post(
        "/yonghu/guanlian/", {"tracking_number": " xj20261130000004 ", "query_code": "qwer 5678"}
    )
    assert response.status_code == 302
    past.refresh_from_db()
    assert past.account_id == user.pk
    assert ModelLogEntry.objects.filter(action=account_data.CLAIM, object_id=str(user.pk)).exists()
    home = client.get("/yonghu/").content.decode()
    assert "XJ20261130000004" in home


@pytest.mark.parametrize(
    "number, code",
    [
        ("XJ20261130000004", "WRONG999"),  # right number, wrong code
        ("XJ20261130999999", "QWER5678"),  # unknown number
        ("ZZ1", "QWER5678"),  # no such kind of submission
    ],
)
def test_claiming_with_a_wrong_code_reveals_nothing(client, number, code):
    signed_in(client)
    past = letter("XJ20261130000004", code="QWER5678", body="秘密内容")
    response = client.post("/yonghu/guanlian/", {"tracking_number": number, "query_code": code})
    html = response.content.decode()
    assert response.status_code == 200
    assert "受理编号或查询码不正确，请核对后重新输入。" in html
    assert "秘密内容" not in html and "张明" not in html
    past.refresh_from_db()
    assert past.account_id is None


def test_a_submission_of_another_account_cannot_be_claimed(client):
    owner = citizen(email="owner@example.cn")
    past = letter("XJ20261130000005", code="QWER5678", account=owner)
    signed_in(client)
    response = client.post(
        "/yonghu/guanlian/", {"tracking_number": past.tracking_number, "query_code": "QWER5678"}
    )
    assert "受理编号或查询码不正确" in response.content.decode()
    past.refresh_from_db()
    assert past.account_id == owner.pk


def test_the_registry_takes_contributions(client):
    user = signed_in(client)
    provider = account_data.DataProvider("test_favourites", "收藏", lambda u: ["/a/"], order=50)
    account_data.register(provider)
    try:
        data = json.loads(client.post("/yonghu/shuju/daochu/").content)
        assert data["test_favourites"] == {"名称": "收藏", "数据": ["/a/"]}
        assert "收藏" in client.get("/yonghu/shuju/daochu/").content.decode()
    finally:
        account_data.account_data.unregister("test_favourites")
    assert user


def test_serialise_values():
    from datetime import date
    from decimal import Decimal

    assert account_data._value(date(2026, 1, 2)) == "2026-01-02"
    assert account_data._value(Decimal("1.5")) == "1.5"
    assert account_data._value({"a": [1, (2,)]}) == {"a": [1, [2]]}
    assert account_data._value(object()).startswith("<object")
