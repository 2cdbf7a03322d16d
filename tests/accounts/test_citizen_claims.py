"""What 一号登录 releases about a public account: never the internal username."""

import pytest

from portal.sso.claims import user_claims

from .citizens import citizen

pytestmark = pytest.mark.django_db


def test_a_citizen_is_named_by_the_masked_login_name_and_verified_contacts():
    user = citizen(email="zhang@example.cn", phone="+8613900001111")
    claims = user_claims(user)
    assert user.username not in claims.values()
    assert claims["preferred_username"] == claims["name"] != user.username
    assert "zhang@example.cn" not in claims["name"]
    assert claims["email"] == "zhang@example.cn" and claims["email_verified"] is True
    assert claims["phone_number"] == "+8613900001111" and claims["phone_number_verified"] is True


def test_a_real_name_when_the_citizen_gave_one():
    user = citizen(email=None, phone="+8613900002222")
    user.citizen_profile.real_name = "张三"
    user.citizen_profile.save()
    claims = user_claims(user)
    assert claims["name"] == "张三"
    assert "email" not in claims
