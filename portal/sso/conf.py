"""django-oauth-toolkit's settings for the portal, built by the settings modules.

One function so that every settings module that changes ``PORTAL_BASE_URL`` or the key (test,
production) rebuilds the same dictionary rather than patching a copy.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def provider_settings(base_url: str, private_key: str, inactive: list[str] | None = None, https_only=False):
    return {
        "OIDC_ENABLED": True,
        # The issuer is the site's canonical address; discovery lives at its /.well-known/.
        "OIDC_ISS_ENDPOINT": base_url.rstrip("/"),
        "OIDC_RSA_PRIVATE_KEY": private_key,
        "OIDC_RSA_PRIVATE_KEYS_INACTIVE": list(inactive or []),
        "OAUTH2_VALIDATOR_CLASS": "portal.sso.validators.PortalOAuth2Validator",
        "SCOPES": {
            "openid": _("确认您的身份（唯一标识）"),
            "profile": _("姓名"),
            "email": _("电子邮箱及其是否已验证"),
            "phone": _("手机号码"),
        },
        "DEFAULT_SCOPES": ["openid"],
        "OIDC_RESPONSE_TYPES_SUPPORTED": ["code"],
        "OAUTH2_RESPONSE_TYPES_SUPPORTED": ["code"],
        "OAUTH2_GRANT_TYPES_SUPPORTED": ["authorization_code", "refresh_token"],
        # Authorization codes live a minute, access tokens an hour, refresh tokens two weeks;
        # refreshing rotates the refresh token and a replayed one revokes the whole family.
        "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
        "ACCESS_TOKEN_EXPIRE_SECONDS": 3600,
        "ID_TOKEN_EXPIRE_SECONDS": 3600,
        "REFRESH_TOKEN_EXPIRE_SECONDS": 14 * 24 * 3600,
        "ROTATE_REFRESH_TOKEN": True,
        "REFRESH_TOKEN_REUSE_PROTECTION": True,
        # The consent screen is shown every time unless the client is trusted (skip_authorization).
        "REQUEST_APPROVAL_PROMPT": "force",
        # Redirect URIs match the registered list exactly; production accepts https only.
        "ALLOW_URI_WILDCARDS": False,
        "ALLOWED_REDIRECT_URI_SCHEMES": ["https"] if https_only else ["http", "https"],
        # PKCE (S256) for public clients; confidential ones may use it (validators.is_pkce_required).
        "PKCE_REQUIRED": True,
        "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
        # A logout with an id_token_hint of the signed-in user needs no confirmation.
        "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
        "OIDC_RP_INITIATED_LOGOUT_STRICT_REDIRECT_URIS": https_only,
        "OIDC_RP_INITIATED_LOGOUT_DELETE_TOKENS": True,
        # RFC 9700 (OAuth 2.0 Security BCP): every behaviour gate on.
        "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
        "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
        "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
        "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
        "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
        "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
        "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
        "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
        "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
        "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": https_only,
    }
