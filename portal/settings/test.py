"""Fast, isolated settings for the test suite."""

import os

from portal.sso.conf import provider_settings
from portal.sso.keys import signing_key

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests are not throttled; tests/search/test_throttle.py lowers the rates itself.
SEARCH_RATE_LIMIT = SEARCH_AUTOCOMPLETE_RATE_LIMIT = "100000/m"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Login lockout counts only where a test turns it on (tests/accounts): `client.login()` passes no
# request, which django-axes refuses.
AXES_ENABLED = False
PORTAL_REQUIRE_2FA = False
MEDIA_ROOT = VAR_DIR / "test-media" / str(os.getpid())
STORAGES = {
    "default": {"BACKEND": "portal.core.files.SafeNameStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A file (not shared-cache memory) so concurrent-writer tests see SQLite's real locking.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405

# The demo district (`seed_demo`) creates accounts with published passwords: development and tests only.
# A tests-only domain app uses core's mechanisms and every registry (tests/core/caseapp).
INSTALLED_APPS = [*INSTALLED_APPS, "portal.demo", "tests.core.caseapp"]
PORTAL_DEMO_ALLOWED = True
PORTAL_SUBMISSION_MIN_SECONDS = 0
PORTAL_BASE_URL = "http://localhost"
# The embedded page cache is off; the tests that exercise it switch it on (tests/core/test_http_cache.py).
PORTAL_PAGE_CACHE = False
# The OpenID Connect signing key, generated once under VAR_DIR (tests/sso/conftest.py moves the
# issuer to the live server where a test needs it).
PORTAL_OIDC_PRIVATE_KEY = signing_key(environ={}, generate_at=VAR_DIR / "oidc-signing-key.pem")
OAUTH2_PROVIDER = provider_settings(PORTAL_BASE_URL, PORTAL_OIDC_PRIVATE_KEY)
# allauth's own throttles would make the account tests depend on their order; the lockout stays.
ACCOUNT_RATE_LIMITS = False
