"""System checks: the provider does not start without a signing key, or with the wrong issuer."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from portal.core.site_url import base_url


@checks.register(checks.Tags.security)
def check_signing_key(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from jwcrypto.jwk import JWK

    pem = settings.OAUTH2_PROVIDER.get("OIDC_RSA_PRIVATE_KEY", "")
    if not pem:
        return [
            checks.Error(
                "No OpenID Connect signing key: set PORTAL_OIDC_PRIVATE_KEY (PEM) or PORTAL_OIDC_PRIVATE_KEY_FILE.",
                hint="openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out oidc.pem (docs/sso.md)",
                id="portal.E010",
            )
        ]
    try:
        key = JWK.from_pem(pem.encode("ascii"))
    except (ValueError, TypeError, UnicodeEncodeError):
        key = None
    if key is None or key.get("kty") != "RSA" or not key.has_private:
        return [
            checks.Error("The OpenID Connect signing key is not an RSA private key in PEM.", id="portal.E010")
        ]
    return []


@checks.register(checks.Tags.urls)
def check_issuer(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    issuer = settings.OAUTH2_PROVIDER.get("OIDC_ISS_ENDPOINT", "")
    if issuer != base_url():
        return [
            checks.Error(
                f"The OpenID Connect issuer ({issuer!r}) is not PORTAL_BASE_URL ({base_url()!r}).",
                hint="Build OAUTH2_PROVIDER with portal.sso.conf.provider_settings(PORTAL_BASE_URL, …).",
                id="portal.E011",
            )
        ]
    return []
