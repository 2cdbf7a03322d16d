import pytest
from django.conf import settings as django_settings
from oauth2_provider.models import get_application_model

from portal.sso.conf import provider_settings

Application = get_application_model()


@pytest.fixture
def issuer(live_server, settings, home):
    """The live portal as the issuer: its canonical address is the live server's."""
    settings.PORTAL_BASE_URL = live_server.url
    settings.OAUTH2_PROVIDER = provider_settings(live_server.url, django_settings.PORTAL_OIDC_PRIVATE_KEY)
    return live_server.url


def make_client(
    redirect_uri: str, post_logout: str = "", public: bool = False, trusted: bool = False, secret="rp-secret"
):
    return Application.objects.create(
        name="示范区政务服务网",
        client_id="rp-public" if public else "rp-confidential",
        client_secret="" if public else secret,
        client_type=Application.CLIENT_PUBLIC if public else Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM,
        redirect_uris=redirect_uri,
        post_logout_redirect_uris=post_logout,
        skip_authorization=trusted,
    )


@pytest.fixture
def citizen(django_user_model):
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user(
        "zhangsan", email="zhangsan@example.cn", password="Portal-pass-2026", first_name="三", last_name="张"
    )
    # A verified address, as the public registration leaves it (the public login asks for one).
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def pkce_pair() -> tuple[str, str]:
    import base64
    import hashlib
    import secrets

    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def obtain_tokens(client, user, application, scope="openid profile email phone", secret="rp-secret") -> dict:
    """The authorization code flow through the Django test client: consent, code, tokens."""
    from urllib.parse import parse_qs, urlsplit

    verifier, challenge = pkce_pair()
    client.force_login(user)
    redirect_uri = application.redirect_uris.split()[0]
    params = {
        "client_id": application.client_id,
        "response_type": "code",
        "redirect_uri": redirect_uri,
        "scope": scope,
        "state": "st",
        "nonce": "n1",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    response = client.post("/sso/authorize/", {**params, "allow": "on"})
    assert response.status_code == 302, response.content
    code = parse_qs(urlsplit(response["Location"]).query)["code"][0]
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": verifier,
    }
    if application.client_type == Application.CLIENT_CONFIDENTIAL:
        data.update(client_id=application.client_id, client_secret=secret)
    else:
        data["client_id"] = application.client_id
    token = client.post("/sso/token/", data)
    assert token.status_code == 200, token.content
    return token.json()
