"""Discovery, keys, tokens and claims of the OpenID Connect provider (no live server)."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from jwcrypto import jwk, jwt

from portal.sso import claims as sso_claims
from portal.sso.models import Subject

from .conftest import make_client, obtain_tokens

ISSUER = "http://localhost"  # the test settings' PORTAL_BASE_URL


@pytest.mark.parametrize(
    "path", ["/.well-known/openid-configuration", "/sso/.well-known/openid-configuration"]
)
def test_discovery_document(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    doc = response.json()
    assert doc["issuer"] == ISSUER
    assert doc["authorization_endpoint"] == f"{ISSUER}/sso/authorize/"
    assert doc["token_endpoint"] == f"{ISSUER}/sso/token/"
    assert doc["userinfo_endpoint"] == f"{ISSUER}/sso/userinfo/"
    assert doc["jwks_uri"] == f"{ISSUER}/sso/.well-known/jwks.json"
    assert doc["end_session_endpoint"] == f"{ISSUER}/sso/logout/"
    assert doc["response_types_supported"] == ["code"]
    assert doc["code_challenge_methods_supported"] == ["S256"]
    assert "RS256" in doc["id_token_signing_alg_values_supported"]
    assert {"openid", "profile", "email", "phone"} <= set(doc["scopes_supported"])
    assert {"sub", "name", "email", "email_verified", "phone_number"} <= set(doc["claims_supported"])
    # Never kept by any cache (ADR 0003): the issuer's answers are per request.
    assert "no-store" in response["Cache-Control"]


def test_discovery_issuer_follows_the_canonical_address(client, db, settings):
    from portal.sso.conf import provider_settings

    settings.PORTAL_BASE_URL = "https://www.shifan.gov.cn"
    settings.OAUTH2_PROVIDER = provider_settings(settings.PORTAL_BASE_URL, settings.PORTAL_OIDC_PRIVATE_KEY)
    doc = client.get("/.well-known/openid-configuration", HTTP_HOST="10.0.0.5").json()
    assert doc["issuer"] == "https://www.shifan.gov.cn"
    assert doc["token_endpoint"] == "https://www.shifan.gov.cn/sso/token/"


def test_jwks_publishes_the_public_key_only(client, db):
    response = client.get("/sso/.well-known/jwks.json")
    keys = response.json()["keys"]
    assert len(keys) == 1
    key = keys[0]
    assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["use"] == "sig"
    assert {"n", "e", "kid"} <= set(key)
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(key)  # nothing private
    private = jwk.JWK.from_pem(settings.PORTAL_OIDC_PRIVATE_KEY.encode())
    assert key["kid"] == private.thumbprint()
    assert "no-store" in response["Cache-Control"]


def test_jwks_lists_retired_keys_too(client, db, settings):
    from portal.sso.conf import provider_settings
    from portal.sso.keys import generate_pem

    old = generate_pem()
    settings.OAUTH2_PROVIDER = provider_settings(ISSUER, settings.PORTAL_OIDC_PRIVATE_KEY, [old])
    kids = [k["kid"] for k in client.get("/sso/.well-known/jwks.json").json()["keys"]]
    assert kids[1] == jwk.JWK.from_pem(old.encode()).thumbprint() and len(kids) == 2


@pytest.fixture
def application(db):
    return make_client("https://rp.example.gov.cn/callback", post_logout="https://rp.example.gov.cn/")


def _id_token_claims(token: str) -> dict:
    key = jwk.JWK.from_pem(settings.PORTAL_OIDC_PRIVATE_KEY.encode())
    return json.loads(jwt.JWT(key=key, jwt=token, algs=["RS256"]).claims)


def test_id_token_and_userinfo_claims(client, citizen, application):
    tokens = obtain_tokens(client, citizen, application)
    claims = _id_token_claims(tokens["id_token"])
    sub = str(Subject.objects.get(user=citizen).sub)
    assert claims["sub"] == sub and claims["sub"] != str(citizen.pk)
    assert claims["iss"] == ISSUER and claims["aud"] == application.client_id
    assert claims["nonce"] == "n1"
    assert claims["name"] == "张三"
    assert claims["email"] == "zhangsan@example.cn" and claims["email_verified"] is False
    assert "phone_number" not in claims  # the user has none

    info = client.get("/sso/userinfo/", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}").json()
    assert info["sub"] == sub and info["name"] == "张三" and info["preferred_username"] == "zhangsan"
    # The same person keeps the same sub.
    again = obtain_tokens(client, citizen, application)
    assert _id_token_claims(again["id_token"])["sub"] == sub


def test_claims_follow_the_granted_scopes(client, citizen, application):
    tokens = obtain_tokens(client, citizen, application, scope="openid")
    info = client.get("/sso/userinfo/", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}").json()
    assert set(info) == {"sub"}


def test_access_token_is_refused_in_the_query_string(client, citizen, application):
    tokens = obtain_tokens(client, citizen, application)
    response = client.get(f"/sso/userinfo/?access_token={tokens['access_token']}")
    assert response.status_code in (400, 401, 403)


def test_refresh_rotates_and_a_replayed_refresh_token_is_refused(client, citizen, application):
    tokens = obtain_tokens(client, citizen, application)
    data = {
        "grant_type": "refresh_token",
        "refresh_token": tokens["refresh_token"],
        "client_id": application.client_id,
        "client_secret": "rp-secret",
    }
    first = client.post("/sso/token/", data)
    assert first.status_code == 200
    assert first.json()["refresh_token"] != tokens["refresh_token"]
    replay = client.post("/sso/token/", data)
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"


def test_confidential_client_may_skip_pkce(client, citizen, application):
    from urllib.parse import parse_qs, urlsplit

    client.force_login(citizen)
    params = {
        "client_id": application.client_id,
        "response_type": "code",
        "redirect_uri": "https://rp.example.gov.cn/callback",
        "scope": "openid",
        "allow": "on",
    }
    response = client.post("/sso/authorize/", params)
    assert "code" in parse_qs(urlsplit(response["Location"]).query)


def test_wrong_client_secret_gets_no_token(client, citizen, application):
    with pytest.raises(AssertionError):
        obtain_tokens(client, citizen, application, secret="wrong")


def test_consent_page_in_the_public_look(client, citizen, application, home):
    from .conftest import pkce_pair

    client.force_login(citizen)
    _verifier, challenge = pkce_pair()
    response = client.get(
        "/sso/authorize/",
        {
            "client_id": application.client_id,
            "response_type": "code",
            "redirect_uri": "https://rp.example.gov.cn/callback",
            "scope": "openid profile email",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "示范区政务服务网 请求使用您的门户账号登录" in html
    assert "姓名" in html and "电子邮箱" in html and "手机号码" not in html
    assert 'class="skip-link"' in html  # the site's base template
    assert "no-store" in response["Cache-Control"]
    # The form's answer redirects to the client: its origin is allowed as a form target.
    assert (
        "https://rp.example.gov.cn"
        in response["Content-Security-Policy"].split("form-action")[1].split(";")[0]
    )


def test_anonymous_authorize_goes_to_the_login_url(client, application):
    response = client.get("/sso/authorize/", {"client_id": application.client_id, "response_type": "code"})
    assert response.status_code == 302
    assert response["Location"].startswith(settings.LOGIN_URL + "?next=/sso/authorize/")


def test_logout_of_an_unknown_client_is_an_error_page(client, citizen, home):
    client.force_login(citizen)
    response = client.get(
        "/sso/logout/", {"client_id": "nobody", "post_logout_redirect_uri": "https://x.example/"}
    )
    assert response.status_code == 400 and "无法完成退出" in response.content.decode()


def test_logout_without_hint_asks_first(client, citizen, home):
    client.force_login(citizen)
    response = client.get("/sso/logout/")
    assert response.status_code == 200 and "是否退出门户网站" in response.content.decode()
    assert client.session.get("_auth_user_id")
    response = client.post("/sso/logout/", {"allow": "on"})
    assert response.status_code == 302 and not client.session.get("_auth_user_id")


class _User:
    def get_username(self):
        return "li"


def test_claims_read_through_getattr_and_sources(db):
    user = _User()
    user.first_name, user.last_name, user.email = "", "", ""
    user.phone_number = "13800000000"
    assert sso_claims.user_claims(user) == {
        "name": "li",
        "preferred_username": "li",
        "phone_number": "13800000000",
        "phone_number_verified": False,
    }
    user.first_name, user.last_name = "Lei", "Li"
    assert sso_claims.user_claims(user)["name"] == "Lei Li"
    sso_claims.claim_sources.register("test", lambda u: {"email": "li@example.cn", "email_verified": True})
    try:
        assert sso_claims.user_claims(user)["email_verified"] is True
    finally:
        sso_claims.claim_sources.unregister("test")


@pytest.mark.parametrize(
    "path",
    ["/sso/authorize/", "/sso/token/", "/.well-known/openid-configuration", "/sso/.well-known/jwks.json"],
)
def test_provider_paths_are_never_cached(path):
    from pathlib import Path

    from portal.core.cache_rules import is_never_cached_path

    assert is_never_cached_path(path)
    vcl = (Path(__file__).resolve().parents[2] / "deploy" / "varnish-portal.vcl").read_text()
    assert vcl.count(r"|sso|\.well-known)/") == 2


@pytest.mark.parametrize(("fetch_site", "status"), [("same-origin", 200), ("cross-site", 302), (None, 302)])
def test_trusted_redirect_after_the_portals_own_pages_is_a_refresh_page(
    client, citizen, db, home, fetch_site, status
):
    from .conftest import pkce_pair

    trusted = make_client("https://rp.example.gov.cn/callback", trusted=True)
    client.force_login(citizen)
    _verifier, challenge = pkce_pair()
    params = {
        "client_id": trusted.client_id,
        "response_type": "code",
        "redirect_uri": "https://rp.example.gov.cn/callback",
        "scope": "openid",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    headers = {"HTTP_SEC_FETCH_SITE": fetch_site} if fetch_site else {}
    response = client.get("/sso/authorize/", params, **headers)
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert '<meta http-equiv="refresh" content="0;url=https://rp.example.gov.cn/callback?code=' in html
        assert 'id="continue" href="https://rp.example.gov.cn/callback?code=' in html
        assert "no-store" in response["Cache-Control"]
    else:
        assert response["Location"].startswith("https://rp.example.gov.cn/callback?code=")


def test_expired_tokens_are_cleared_daily(client, citizen, application):
    from datetime import timedelta

    from django.utils import timezone
    from oauth2_provider.models import AccessToken, RefreshToken

    from portal.core import periodic
    from portal.sso.tasks import clear_expired_tokens

    assert any(job.task is clear_expired_tokens for job in periodic.jobs())
    obtain_tokens(client, citizen, application)
    RefreshToken.objects.update(revoked=timezone.now() - timedelta(days=15))  # past its 14 days
    AccessToken.objects.update(expires=timezone.now() - timedelta(days=1))
    clear_expired_tokens.enqueue()
    assert not AccessToken.objects.exists()
