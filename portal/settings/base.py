"""Settings shared by every environment.

Everything that differs between machines is read from the environment; the defaults here are the
embedded ones (SQLite, local-memory cache, database task queue) so that a fresh checkout runs.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from portal.sso.conf import provider_settings
from portal.sso.keys import inactive_keys, signing_key

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    "portal.core",
    "portal.pages",
    "portal.disclosure",
    "portal.editorial",
    "portal.search",
    "portal.accounts",
    "portal.interaction",
    "portal.services",
    "portal.interpretation",
    "portal.comments",
    "portal.sso",
    "portal.proactive",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.accounts.users_app.PortalUsersAppConfig",  # wagtail.users with 三员分立
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "oauth2_provider",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.core.headers.PortalCSPMiddleware",
    "portal.core.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache policy of every response and the embedded page cache (before sessions: see ADR 0003).
    "portal.core.http_cache.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The site of the host and the page of a URL in a few queries (portal/core/routing.py).
    "portal.core.routing.RoutingMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.accounts.middleware.StaffSecurityMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.core.admin_access.PagePermissionForbiddenMiddleware",
    "portal.core.middleware.DisplayPreferencesMiddleware",
    "portal.core.middleware.TraditionalChineseMiddleware",
    # Last, as django-axes asks: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.core.context_processors.display_preferences",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# Database: SQLite (WAL) by default, anything dj-database-url understands from DATABASE_URL.
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}", conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, otherwise local memory.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "portal",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
        }
    }

# HTTP caching (ADR 0003): public pages are shared-cacheable for PORTAL_CACHE_S_MAXAGE seconds
# (purged on publish), browsers keep them PORTAL_CACHE_MAX_AGE seconds. The embedded page cache
# serves repeated anonymous pages from CACHES when no front cache stands before the app.
PORTAL_CACHE_MAX_AGE = int(os.environ.get("PORTAL_CACHE_MAX_AGE", 60))
PORTAL_CACHE_S_MAXAGE = int(os.environ.get("PORTAL_CACHE_S_MAXAGE", 600))
PORTAL_PAGE_CACHE = os.environ.get("PORTAL_PAGE_CACHE", "1") == "1"
# The front cache (Varnish, deploy/varnish-portal.vcl) purged on publish, when there is one.
if os.environ.get("PORTAL_FRONT_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "portal.core.purge.VarnishBackend",
            "LOCATION": os.environ["PORTAL_FRONT_CACHE_URL"],
        }
    }

# Background work: the database queue, drained by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Argon2 hashes new passwords; the others still check (and upgrade, at the next login) older hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese (Simplified) is the default language; English has its own, smaller site.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The project's catalogue, then the Chinese for Wagtail admin strings Wagtail's own zh_Hans lacks.
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "wagtail_locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Stored file names are ASCII and markup-free (portal.core.files.SafeNameStorage).
STORAGES = {
    "default": {"BACKEND": "portal.core.files.SafeNameStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "示范区人民政府门户网站"
# The site's canonical address: every absolute URL (feeds, sitemaps, notifications, API answers)
# and the default Wagtail site come from it (portal.core.site_url).
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Files (docs/security.md): the types a document or an OA attachment may be, checked on the content
# (portal.core.files); documents are served only by the permission-checked document view, as
# downloads unless PDF or a raster image; PORTAL_SENDFILE=nginx hands the bytes to nginx
# (X-Accel-Redirect to the internal PORTAL_SENDFILE_URL location, deploy/nginx-portal.conf).
PORTAL_ALLOWED_FILE_TYPES = [
    "pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et", "ppt", "pptx", "dps", "odt", "ods", "odp",
    "txt", "csv", "zip", "jpg", "jpeg", "png", "gif", "webp", "mp4", "webm", "vtt",
]  # fmt: skip
WAGTAILDOCS_EXTENSIONS = PORTAL_ALLOWED_FILE_TYPES
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.core.documents.CheckedDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Videos and their caption tracks play in the page, so they are served inline too.
WAGTAILDOCS_INLINE_CONTENT_TYPES = [
    "application/pdf", "image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "video/webm", "text/vtt",
]  # fmt: skip
WAGTAILDOCS_CONTENT_TYPES = {
    "ofd": "application/ofd", "txt": "text/plain", "csv": "text/csv",
    "mp4": "video/mp4", "webm": "video/webm", "vtt": "text/vtt",
}  # fmt: skip
PORTAL_SENDFILE_URL = os.environ.get("PORTAL_SENDFILE_URL", "/protected-media/")
if os.environ.get("PORTAL_SENDFILE") == "nginx":
    SENDFILE_BACKEND = "portal.core.sendfile"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No "what's new in Wagtail" banner for staff (it links to wagtail.org).
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatar requests to the internet (and none the CSP would block)
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea"}}
WAGTAIL_MODERATION_ENABLED = True
# Approval of a review workflow's last step publishes on the workflow's authority (先审后发).
WAGTAIL_FINISH_WORKFLOW_ACTION = "portal.editorial.publishing.publish_approved"

# Public search (portal.search): how long query logs are kept, how many distinct visitors must have
# typed a query before it is suggested to others, and the per-IP request rates (django-ratelimit
# syntax) of the results page and the autocomplete.
SEARCH_LOG_RETENTION_DAYS = int(os.environ.get("SEARCH_LOG_RETENTION_DAYS", 180))
SEARCH_PUBLIC_MIN_VISITORS = int(os.environ.get("SEARCH_PUBLIC_MIN_VISITORS", 5))
SEARCH_RATE_LIMIT = os.environ.get("SEARCH_RATE_LIMIT", "30/m")
SEARCH_AUTOCOMPLETE_RATE_LIMIT = os.environ.get("SEARCH_AUTOCOMPLETE_RATE_LIMIT", "120/m")

# The public login (用户中心, portal.accounts, docs/accounts.md): citizens, enterprises and any page
# or single sign-on request that needs a signed-in person go there with ?next=. Staff sign in at
# the Wagtail admin's own login (/admin/login/).
LOGIN_URL = "/yonghu/denglu/"
LOGIN_REDIRECT_URL = "/yonghu/"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL

# 一号登录 (portal.sso, docs/sso.md): the portal is an OpenID Connect provider (django-oauth-toolkit)
# whose issuer is PORTAL_BASE_URL. ID tokens are signed with the RSA key in PORTAL_OIDC_PRIVATE_KEY
# (PEM) or the file PORTAL_OIDC_PRIVATE_KEY_FILE; dev and test generate one under VAR_DIR, production
# refuses to start without one (check portal.E010). Retired keys stay in the JWKS while listed in
# PORTAL_OIDC_INACTIVE_KEY_FILES.
PORTAL_OIDC_PRIVATE_KEY = signing_key()
OAUTH2_PROVIDER = provider_settings(PORTAL_BASE_URL, PORTAL_OIDC_PRIVATE_KEY, inactive_keys())
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
# The Wagtail admin groups that may register 接入应用 besides holders of DOT's application permissions.
PORTAL_SSO_ADMIN_GROUPS = ["系统管理员"]

# Logins (portal.accounts, docs/security.md). django-axes counts failures per login name and IP
# address on every authentication, staff and citizen alike, and locks that pair out for the
# cooling-off period, or until a security administrator unlocks it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AXES_USERNAME_CALLABLE = "portal.accounts.lockout.login_name"
AXES_FAILURE_LIMIT = int(os.environ.get("PORTAL_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("PORTAL_LOGIN_COOLOFF_MINUTES", 30)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.accounts.lockout.lockout_response"
AXES_ENABLE_ADMIN = False
# Behind N reverse proxies (nginx), the client address is the N-th from the right of X-Forwarded-For.
if os.environ.get("PORTAL_PROXY_COUNT"):
    AXES_IPWARE_PROXY_COUNT = int(os.environ["PORTAL_PROXY_COUNT"])
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
# Two-factor (django-otp): staff without a confirmed authenticator are sent to enrolment before any
# other admin page when True (production sets it).
PORTAL_REQUIRE_2FA = os.environ.get("PORTAL_REQUIRE_2FA", "0") == "1"
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# A staff session idle this many seconds is logged out (0: never); sessions end at the latest after
# SESSION_COOKIE_AGE, or when the browser closes unless 记住我 was ticked.
PORTAL_SESSION_IDLE_TIMEOUT = int(os.environ.get("PORTAL_SESSION_IDLE_TIMEOUT", 30 * 60))
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 12 * 3600))

# Citizen and enterprise accounts (django-allauth, docs/accounts.md): sign in with an e-mail address
# or a mobile number and a password; both are verified with a code sent through
# PORTAL_CODE_SENDERS (portal.accounts.senders: console by default; "mail" sends through Django's
# e-mail backend, an SMS gateway plugs in as a subclass of SmsSender named in PORTAL_SMS_BACKEND).
ACCOUNT_ADAPTER = "portal.accounts.adapter.PortalAccountAdapter"
ACCOUNT_FORMS = {
    "login": "portal.accounts.citizen_forms.CitizenLoginForm",
    "signup": "portal.accounts.citizen_forms.CitizenSignupForm",
}
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "phone", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_USER_DISPLAY = "portal.accounts.adapter.user_display"
# Verification is mandatory for every account with an e-mail address; the sign-up form
# (CitizenSignupForm) lets a mobile number stand instead of the address "email*" says is required,
# and portal.accounts.stages skips the e-mail step for an account without one.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[示范区门户网站] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PORTAL_BASE_URL.startswith("https") else "http"
# Throttling on top of the lockout (allauth's own limits; "5/m/ip" = five a minute per address).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "verify_phone": "1/30s/key,3/m/ip",
    "change_password": "5/m/user",
}
ALLAUTH_USER_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}  # 6-digit codes, as by SMS
PORTAL_CODE_SENDERS = {
    "email": os.environ.get("PORTAL_EMAIL_CODE_SENDER", "portal.accounts.senders.ConsoleSender"),
    "phone": os.environ.get("PORTAL_SMS_CODE_SENDER", "portal.accounts.senders.ConsoleSender"),
}
PORTAL_SMS_BACKEND = os.environ.get("PORTAL_SMS_BACKEND", "")

# Headers (portal.core.headers, docs/security.md). Public pages: everything from the site itself, no
# inline script (a template that needs one uses nonce="{{ request.csp_nonce }}"). The Wagtail admin
# renders inline scripts and styles, so its paths relax those two directives.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
PORTAL_CSP_ADMIN_PREFIXES = ["/admin/", "/django-admin/"]
PORTAL_CSP_ADMIN_DIRECTIVES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
}
PORTAL_PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
    "interest-cohort": [],
}
# Framing only by the site itself (Wagtail's preview); frame-ancestors says the same for new browsers.
X_FRAME_OPTIONS = "SAMEORIGIN"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000

# Traditional Chinese view: the OpenCC configuration used to convert rendered pages.
PORTAL_TRADITIONAL_CONFIG = "s2t"
PORTAL_DISPLAY_COOKIE_AGE = 365 * 24 * 3600

# `seed_demo` (portal.demo, installed by the dev and test settings only) refuses to run unless True.
PORTAL_DEMO_ALLOWED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

ADMIN_TITLE = _("示范区门户网站管理")

# The service map (portal.services): the outline drawn under the places (GeoJSON), and a tile
# source if any (none by default: no tile server is contacted). PORTAL_MAP_TILES is a Leaflet URL
# template such as 天地图's "https://t{s}.tianditu.gov.cn/vec_w/wmts?...&tk=<key>"; its host is
# added to the pages' img-src.
PORTAL_MAP_OUTLINE = BASE_DIR / "portal" / "demo" / "data" / "district-streets.geojson"
PORTAL_MAP_TILES = os.environ.get("PORTAL_MAP_TILES", "")
PORTAL_MAP_TILES_ATTRIBUTION = os.environ.get("PORTAL_MAP_TILES_ATTRIBUTION", "")
if PORTAL_MAP_TILES:
    _tiles = urlsplit(PORTAL_MAP_TILES)
    _host = _tiles.netloc if "{" not in _tiles.netloc else "*." + _tiles.netloc.split(".", 1)[1]
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_host}")
