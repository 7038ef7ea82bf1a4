"""Settings for the Digital Nations platform.

Every value that differs between machines comes from an environment variable (see
.env.example). Defaults suit a fresh clone on a laptop; production behaviour is switched
on by the presence of its variable (DATABASE_URL, REDIS_URL, ...).
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR / "forum"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


DEBUG = env_bool("DEBUG", False)

# A real secret is required outside DEBUG; none is ever invented. In a checkout where
# `make run` has run, it wrote one to .local/secret_key (readable by its owner only;
# LOCAL_DIR names another folder):
# without SECRET_KEY in the environment, every command there reads that one, and serves
# over plain HTTP as `make run` does. Production sets SECRET_KEY (and gets HTTPS).
INSECURE_KEY_PREFIX = "insecure-"
LOCAL_SECRET_KEY_FILE = Path(os.environ.get("LOCAL_DIR") or BASE_DIR / ".local") / "secret_key"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
LOCAL_CHECKOUT = not SECRET_KEY and LOCAL_SECRET_KEY_FILE.is_file()
if LOCAL_CHECKOUT:
    SECRET_KEY = LOCAL_SECRET_KEY_FILE.read_text(encoding="utf-8").strip()
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith(INSECURE_KEY_PREFIX)):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG "
        "is off (`make run` writes one to .local/secret_key for local use). Generate one "
        "with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )
if not SECRET_KEY:
    SECRET_KEY = INSECURE_KEY_PREFIX + "local-development-only-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Three floors (docs/architecture.md): what every app shares, depending on no app;
    "forum.core",
    # the domains, each depending only on core and on the models and services of
    # domains listed before it;
    "forum.notifications",
    "forum.principles",
    "forum.summits",
    "forum.groups",
    "forum.members",
    "forum.accounts",
    "forum.documents",
    "forum.news",
    "forum.practices",
    "forum.questions",
    "forum.decisions",
    "forum.statements",
    # the site, which assembles the domains.
    "forum.search",
    "forum.alerts",
    "forum.api",
    "forum.workspace",
    "forum.policies",
    "forum.contact",
    "forum.site",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# URL names, so that they resolve in the visitor's language.
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "workspace:dashboard"
LOGOUT_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "/accounts/sign-in/"

MIDDLEWARE = [
    # First: an anonymous visitor's page found in the cache is answered at once.
    "forum.site.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "forum.core.middleware.AddressLengthMiddleware",
    # Pages are sent compressed (Django pads them against BREACH); static files come
    # compressed from WhiteNoise.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "forum.core.translation.ContentLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The audit log: the client's address on every entry, and refusals (403) recorded.
    "forum.accounts.audit_events.AuditRequestMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After OTPMiddleware (and messages): the secretariat's idle timeout, two-factor
    # before /cms/ and /workspace/.
    "forum.accounts.middleware.AccountSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "forum.core.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "forum.urls"
WSGI_APPLICATION = "forum.wsgi.application"

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
                "django.template.context_processors.i18n",
                "forum.core.i18n.languages",
                "forum.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# Database: SQLite file by default (WAL mode), anything dj-database-url reads otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches: Redis when REDIS_URL is set, shared by every process. Otherwise the default
# cache is the memory of each process (pages, facet counts: kept under a content version
# read from the database, so always fresh), and what must be counted across processes
# (throttles) goes to a table of the database (`manage.py createcachetable`).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    _redis = {
        # Django's, with Redis going away taken as an empty cache (forum/site/cache.py).
        "BACKEND": "forum.site.cache.ForgivingRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "forum"),
        # A Redis that does not answer is soon taken as away, not waited on.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
    }
    CACHES = {"default": _redis, "shared": _redis}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "forum_shared_cache",
        },
    }
# Whether every process sees the same cache: then what must be the same everywhere (the
# content version) may be read from it; otherwise it is read from the database.
SHARED_CACHE = bool(REDIS_URL)
# Anonymous visitors' pages are kept this long at most (forum.site.pagecache); any change
# to public content shows at once, as the content version is part of the key.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # 15 characters for the secretariat; not the forum's name nor a member country's.
    {
        "NAME": "forum.accounts.validators.SecretariatMinimumLengthValidator",
        "OPTIONS": {"min_length": 15},
    },
    {"NAME": "forum.accounts.validators.ForumWordsValidator"},
]
# No forced password expiry. Wagtail's own password pages give way to /accounts/ ones
# (which record every change), and nobody sets another person's password in /cms/.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False

# Sign-in lockout (django-axes): 5 failed passwords for an account from one client within
# 15 minutes lock that account for that client for 15 minutes. Locking by account and
# client together means nobody can lock another person out from their own address, and
# officials behind one government's shared gateway are not locked out together; the
# limits per client and per account in forum/accounts/limits.py stop one client trying
# passwords across many accounts, and many clients trying one account.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "forum.core.throttle.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Renders that template with the minutes left, status 429 and Retry-After.
AXES_LOCKOUT_CALLABLE = "forum.accounts.views.locked_out"
AXES_VERBOSE = False
# Request bodies: each uploaded file capped while it streams in (forum.core.uploads), at
# most 20 files, 1,000 fields and 2.5 MB of fields a request (more: a 400).
FILE_UPLOAD_HANDLERS = [
    "forum.core.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FILES = 20
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Rate limits (django-ratelimit, through forum.core.throttle.hit) count in the cache every
# process shares.
RATELIMIT_USE_CACHE = "shared"
# Without the shared cache (Redis away), requests go through uncounted: the site keeps
# serving, and the sign-in lockout (in the database) still holds.
RATELIMIT_FAIL_OPEN = True

# Sessions: a new id at sign-in (Django does this); the secretariat's end after 30 idle
# minutes (forum.accounts.middleware).
SESSION_COOKIE_AGE = 60 * 60 * 12
# Every session ends this long after signing in, active or not (forum.accounts.middleware).
SESSION_ABSOLUTE_SECONDS = 60 * 60 * 12
SESSION_COOKIE_SAMESITE = "Lax"
SECRETARIAT_IDLE_SECONDS = 30 * 60
INVITATION_VALID_DAYS = 14
# Two-factor authentication (django-otp): the name authenticator apps show.
OTP_TOTP_ISSUER = "Digital Nations"
PASSWORD_RESET_TIMEOUT = 6 * 60 * 60

# Background tasks: search indexing runs at once; email goes through the database queue
# and `manage.py db_worker --backend email --queue-name email` (make run starts one), so
# that no request waits on SMTP.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {
        "BACKEND": os.environ.get("EMAIL_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["email"],
    },
}

# Languages: English unprefixed (/documents/), the members' other languages prefixed
# (/fr/documents/). Names here are in English; the switcher shows each in its own language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("pt", "Portuguese"),
    ("ko", "Korean"),
    ("he", "Hebrew"),
    ("da", "Danish"),
    ("et", "Estonian"),
]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LOCALE_PATHS = [PROJECT_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Email: the console by default; EMAIL_HOST switches to SMTP.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "secretariat@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# HTTPS: on by default outside DEBUG and a local checkout; HTTPS=false for plain HTTP.
HTTPS = env_bool("HTTPS", not DEBUG and not LOCAL_CHECKOUT)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    # Cookies a browser takes only over HTTPS, for this host alone, for every path.
    SESSION_COOKIE_NAME = "__Host-session"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the application append to X-Forwarded-For: the client's
# address is the entry the first of them added (forum.core.throttle.client_address). The
# application's port must be reachable through them only.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1" if BEHIND_PROXY else "0"))
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Content Security Policy: nothing inline, nothing from another host. /cms/ gets a
# narrow exception in forum.core.middleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per background task, including search indexing: too chatty for INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = _("Digital Nations")
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No avatar requests to another host (privacy; our CSP would block them anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Images of summits, members, working groups and news items (components/picture.html).
# Wagtail opens every upload: a file that is not an image, or whose content is not the
# type its name says, is refused, as is one over these limits (10 MB, under the 20 MB
# streaming cap of forum.core.uploads; 25 megapixels, a 6,000 × 4,000 photo, bound the
# memory a rendition takes). No SVG (it can carry scripts), GIF or HEIC.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 25_000_000

# Where the forum's data file lives (shipped with the project).
FORUM_DATA_FILE = PROJECT_DIR / "data" / "digital-nations.yaml"
# Every Atom feed's <rights> (forum.core.feeds): the licence the secretariat sets in /cms/.
FEED_RIGHTS = "forum.policies.models.feed_rights"
