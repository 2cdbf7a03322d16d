"""Local development: the embedded defaults, debug on, only local hosts."""

import os

from portal.sso.conf import provider_settings
from portal.sso.keys import inactive_keys, signing_key

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, PORTAL_BASE_URL, VAR_DIR

# The demo shows the product: branded 404 and 500 pages, as in production. DEBUG=1 gives
# developers Django's technical pages (and /django-admin/) instead.
DEBUG = os.environ.get("DEBUG", "0") == "1"
# Static files straight from the apps' folders (no collectstatic), re-read on change.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# The demo district (`seed_demo`) creates accounts with published passwords: development and tests only.
INSTALLED_APPS = [*INSTALLED_APPS, "portal.demo"]
PORTAL_DEMO_ALLOWED = True

# The OpenID Connect signing key: the environment's, else one generated once under VAR_DIR.
PORTAL_OIDC_PRIVATE_KEY = signing_key(generate_at=VAR_DIR / "oidc-signing-key.pem")
OAUTH2_PROVIDER = provider_settings(PORTAL_BASE_URL, PORTAL_OIDC_PRIVATE_KEY, inactive_keys())
