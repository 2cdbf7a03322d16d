"""Production: everything comes from the environment, and insecure defaults refuse to start."""

import os

from django.core.exceptions import ImproperlyConfigured

from portal.sso.conf import provider_settings

from .base import *  # noqa: F403
from .base import PORTAL_OIDC_PRIVATE_KEY


def _require(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = _require("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-"):
    raise ImproperlyConfigured("SECRET_KEY must be a long random value in production.")
ALLOWED_HOSTS = _require("ALLOWED_HOSTS").split(",")
PORTAL_BASE_URL = WAGTAILADMIN_BASE_URL = _require("PORTAL_BASE_URL")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# 一号登录: the issuer on the canonical address, https redirect URIs only; without
# PORTAL_OIDC_PRIVATE_KEY(_FILE) the portal.E010 check stops every command.
OAUTH2_PROVIDER = provider_settings(
    PORTAL_BASE_URL,
    PORTAL_OIDC_PRIVATE_KEY,
    OAUTH2_PROVIDER["OIDC_RSA_PRIVATE_KEYS_INACTIVE"],  # noqa: F405
    https_only=True,
)

# Links in account e-mails; codes go out for real: by mail through EMAIL_BACKEND, by SMS through the
# gateway class in PORTAL_SMS_BACKEND (until one is set, `manage.py check` notes accounts.I001).
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PORTAL_BASE_URL.startswith("https") else "http"
PORTAL_CODE_SENDERS = {
    "email": os.environ.get("PORTAL_EMAIL_CODE_SENDER", "portal.accounts.senders.MailSender"),
    "phone": os.environ.get(
        "PORTAL_SMS_CODE_SENDER",
        "portal.accounts.senders.SmsSender"
        if os.environ.get("PORTAL_SMS_BACKEND")
        else "portal.accounts.senders.ConsoleSender",
    ),
}

# Every staff account needs an authenticator app (portal.accounts); the environment may not lower it.
PORTAL_REQUIRE_2FA = True
SESSION_COOKIE_HTTPONLY = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's admin previews pages in a same-origin iframe, so DENY would break editing.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

STORAGES = {
    "default": {"BACKEND": "portal.core.files.SafeNameStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
