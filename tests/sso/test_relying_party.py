"""End to end: a real relying party (Flask + authlib, tests/sso/rp) signs a person in through the
live portal and back, refreshes its tokens, and signs out; wrong redirect URIs and public clients
without PKCE are refused."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.conf import settings

from portal.sso.models import Subject

from .conftest import make_client
from .rp.app import RelyingPartyServer, create_app

pytestmark = pytest.mark.django_db(transaction=True)


class _Forms(HTMLParser):
    """The forms of a page: action and input values (hidden and others), by form."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "fields": {}})
        elif tag == "input" and self.forms and attrs.get("name"):
            self.forms[-1]["fields"][attrs["name"]] = attrs.get("value") or ""


def forms_of(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def sign_in(
    browser: requests.Session,
    response: requests.Response,
    login="zhangsan@example.cn",
    password="Portal-pass-2026",
):
    """Fill the portal's login form (whatever LOGIN_URL is) the way a person would."""
    assert urlsplit(response.url).path == settings.LOGIN_URL, response.url
    form = next(f for f in forms_of(response.text) if "csrfmiddlewaretoken" in f["fields"])
    name = "login" if "login" in form["fields"] else "username"
    data = {**form["fields"], name: login, "password": password}
    return browser.post(response.url, data=data, headers={"Referer": response.url})


def consent(browser: requests.Session, response: requests.Response, allow=True):
    assert "请求使用您的门户账号登录" in response.text
    form = next(f for f in forms_of(response.text) if "client_id" in f["fields"])
    data = dict(form["fields"])
    if allow:
        data["allow"] = "on"
    return browser.post(response.url, data=data, headers={"Referer": response.url})


@pytest.fixture
def rp(issuer):
    app = create_app(issuer, "rp-confidential", "rp-secret")
    server = RelyingPartyServer(app)
    make_client(f"{server.url}/callback", post_logout=f"{server.url}/logged-out")
    server.start()
    yield server
    server.stop()


def test_sign_in_refresh_and_sign_out(rp, citizen, issuer):
    browser = requests.Session()
    response = browser.get(f"{rp.url}/login")
    response = sign_in(browser, response)
    assert urlsplit(response.url).path == "/sso/authorize/"
    response = consent(browser, response)
    assert response.url == f"{rp.url}/"
    assert "已登录" in response.text and "张三" in response.text
    sub = re.search(r"<code id='sub'>([^<]+)</code>", response.text).group(1)
    assert sub == str(Subject.objects.get(user=citizen).sub) and sub != str(citizen.pk)
    assert "zhangsan@example.cn" in response.text

    # The refresh token is exchanged for a new access token that userinfo accepts.
    refreshed = browser.get(f"{rp.url}/refresh")
    assert refreshed.status_code == 200 and "令牌已刷新" in refreshed.text and "张三" in refreshed.text

    # Signing in again is quick: the portal session holds; the consent is asked again (not trusted).
    again = browser.get(f"{rp.url}/login")
    assert urlsplit(again.url).path == "/sso/authorize/"

    # RP-initiated logout with the id_token_hint: the portal session ends, back to the allowed URI.
    out = browser.get(f"{rp.url}/logout")
    assert out.url.startswith(f"{rp.url}/logged-out") and "已退出登录" in out.text
    after = browser.get(f"{rp.url}/login")
    assert urlsplit(after.url).path == settings.LOGIN_URL  # the portal asks for the password again


def test_trusted_client_skips_consent(issuer, citizen):
    app = create_app(issuer, "rp-confidential", "rp-secret")
    server = RelyingPartyServer(app)
    make_client(f"{server.url}/callback", trusted=True)
    server.start()
    try:
        browser = requests.Session()
        response = sign_in(browser, browser.get(f"{server.url}/login"))
        assert response.url == f"{server.url}/" and "张三" in response.text
    finally:
        server.stop()


def test_declined_consent_returns_an_error_to_the_client(rp, citizen):
    browser = requests.Session()
    response = sign_in(browser, browser.get(f"{rp.url}/login"))
    response = consent(browser, response, allow=False)
    assert response.status_code == 400 and "access_denied" in response.text


def test_public_client_with_pkce_signs_in(issuer, citizen):
    app = create_app(issuer, "rp-public")
    server = RelyingPartyServer(app)
    make_client(f"{server.url}/callback", public=True)
    server.start()
    try:
        browser = requests.Session()
        response = consent(browser, sign_in(browser, browser.get(f"{server.url}/login")))
        assert response.url == f"{server.url}/" and "张三" in response.text
    finally:
        server.stop()


def _authorize_url(issuer, **params):
    query = {"response_type": "code", "scope": "openid", "state": "s1", **params}
    return f"{issuer}/sso/authorize/?{urlencode(query)}"


def _signed_in(browser, issuer):
    response = browser.get(f"{issuer}/sso/authorize/?client_id=x")
    sign_in(browser, response)
    return browser


def test_wrong_redirect_uri_is_refused_without_redirect(rp, citizen, issuer):
    browser = _signed_in(requests.Session(), issuer)
    for wrong in ("https://evil.example/callback", f"{rp.url}/callback/extra", f"{rp.url}/callback?x=1"):
        response = browser.get(
            _authorize_url(issuer, client_id="rp-confidential", redirect_uri=wrong), allow_redirects=False
        )
        assert response.status_code == 400
        assert "Location" not in response.headers
        assert "无法登录" in response.text and "回调地址与登记的不符" in response.text
        assert "no-store" in response.headers["Cache-Control"]


def test_unknown_client_is_refused_without_redirect(citizen, issuer):
    browser = _signed_in(requests.Session(), issuer)
    response = browser.get(
        _authorize_url(issuer, client_id="nobody", redirect_uri="https://evil.example/cb"),
        allow_redirects=False,
    )
    assert response.status_code in (400, 401) and "Location" not in response.headers


def test_public_client_without_pkce_is_refused(issuer, citizen):
    make_client("http://127.0.0.1:9/callback", public=True)
    browser = _signed_in(requests.Session(), issuer)
    response = browser.get(
        _authorize_url(issuer, client_id="rp-public", redirect_uri="http://127.0.0.1:9/callback"),
        allow_redirects=False,
    )
    # The error goes back to the registered URI (never a code), per OAuth 2.0.
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    query = parse_qs(location.query)
    assert query["error"] == ["invalid_request"] and "code" not in query
    # With plain PKCE also refused: S256 only.
    response = browser.get(
        _authorize_url(
            issuer,
            client_id="rp-public",
            redirect_uri="http://127.0.0.1:9/callback",
            code_challenge="a" * 43,
            code_challenge_method="plain",
        ),
        allow_redirects=False,
    )
    assert "code=" not in response.headers.get("Location", "")


def test_logout_to_an_unregistered_uri_is_refused(rp, citizen, issuer):
    browser = requests.Session()
    consent(browser, sign_in(browser, browser.get(f"{rp.url}/login")))
    response = browser.get(
        f"{issuer}/sso/logout/?"
        + urlencode({"client_id": "rp-confidential", "post_logout_redirect_uri": "https://evil.example/"}),
        allow_redirects=False,
    )
    assert response.status_code == 400 and "Location" not in response.headers
    assert "无法完成退出" in response.text
    # Still signed in at the portal.
    again = browser.get(f"{rp.url}/login")
    assert urlsplit(again.url).path == "/sso/authorize/"
