"""The pluggable senders of verification codes, and small pieces of the public pages."""

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured, ValidationError

from portal.accounts import senders, validators
from portal.core.cache_rules import is_never_cached_path

sent = []


class FakeGateway:
    def send_sms(self, phone, text):
        sent.append((phone, text))


def test_console_sender_keeps_the_message(settings):
    senders.outbox.clear()
    senders.send("phone", "+8613800001111", "验证码", "您的验证码是 123456")
    assert senders.outbox[-1] == senders.Message("phone", "+8613800001111", "验证码", "您的验证码是 123456")


def test_console_sender_prints_in_debug(settings, capsys):
    settings.DEBUG = True
    senders.send("email", "a@example.cn", "主题", "正文")
    assert "a@example.cn" in capsys.readouterr().out


def test_mail_sender_uses_djangos_mail(settings):
    settings.PORTAL_CODE_SENDERS = {"email": "portal.accounts.senders.MailSender"}
    senders.send("email", "a@example.cn", "电子邮箱验证码", "验证码 123456")
    assert mail.outbox[-1].to == ["a@example.cn"] and mail.outbox[-1].subject == "电子邮箱验证码"


def test_sms_sender_hands_the_text_to_the_gateway(settings):
    settings.PORTAL_CODE_SENDERS = {"phone": "portal.accounts.senders.SmsSender"}
    settings.PORTAL_SMS_BACKEND = "tests.accounts.test_citizen_senders.FakeGateway"
    senders.send("phone", "+8613800001111", "验证码", "验证码 123456")
    assert sent[-1] == ("+8613800001111", "验证码 123456")
    settings.PORTAL_SMS_BACKEND = ""
    with pytest.raises(ImproperlyConfigured):
        senders.send("phone", "+8613800001111", "验证码", "x")


def test_phone_and_uscc_validators():
    assert validators.normalise_phone("0086 138-0000-1111") == "+8613800001111"
    assert validators.normalise_phone("(010) 1234") == "0101234"
    assert validators.national("+8613800001111") == "13800001111"
    with pytest.raises(ValidationError):
        validators.validate_phone("12800001111")
    validators.validate_uscc("91110000600037341l")
    with pytest.raises(ValidationError):
        validators.validate_uscc("91110000600037341A")


def test_the_public_account_pages_are_never_cached():
    assert is_never_cached_path("/yonghu/denglu/") and is_never_cached_path("/en/yonghu/zhuce/")


@pytest.mark.django_db
def test_pages_for_signed_in_people(client):
    from .test_citizen_data import signed_in

    signed_in(client)
    for path in ["/yonghu/shezhi/shiming/", "/yonghu/qiye/", "/yonghu/guanlian/", "/yonghu/zhuxiao/"]:
        response = client.get(path)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"], path
        assert "用户中心" in response.content.decode()
    for path in [
        "/yonghu/youxiang/",
        "/yonghu/mima/xiugai/",
        "/yonghu/shouji/xiugai/",
    ]:  # allauth's own pages
        response = client.get(path)
        assert response.status_code == 200 and 'class="page-title"' in response.content.decode(), path


def test_check_warns_when_codes_reach_nobody(settings):
    from portal.accounts.checks import code_senders

    settings.DEBUG, settings.PORTAL_DEMO_ALLOWED = False, False
    settings.PORTAL_CODE_SENDERS = {}
    assert [w.id for w in code_senders(None)] == ["accounts.W001", "accounts.I001"]
    settings.PORTAL_CODE_SENDERS = {
        "email": "portal.accounts.senders.MailSender",
        "phone": "portal.accounts.senders.SmsSender",
    }
    assert code_senders(None) == []
    settings.DEBUG = True
    assert code_senders(None) == []


@pytest.mark.django_db
def test_allauth_names_an_account_by_its_masked_login_name():
    from django.contrib.auth import get_user_model

    from portal.accounts.adapter import user_display

    from .citizens import citizen

    assert user_display(citizen(email="wang@example.cn")) == "w***@example.cn"
    assert user_display(citizen(email=None, phone="+8613700002222")) == "137****2222"
    assert user_display(get_user_model().objects.create_user("staff1")) == "用户"
