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
    return django_user_model.objects.create_user(
        "zhangsan", email="zhangsan@example.cn", password="Portal-pass-2026", first_name="三", last_name="张"
    )
