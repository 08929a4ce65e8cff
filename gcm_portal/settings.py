"""GCM Portal settings: one module, driven by environment variables.

With nothing set, the portal runs on the embedded default: SQLite, Celery tasks run
in-process, a local-memory cache and e-mail printed to the console. Setting
``DATABASE_URL`` and ``REDIS_URL`` switches to PostgreSQL and Redis (broker, results
and cache). Every variable is listed in the README.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# ---------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set unless DEBUG is on (make run and make test set one for you)."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "gcm_portal.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # kernel
    "gcm_portal.taxonomy",
    "gcm_portal.accounts",
    "gcm_portal.core",
    # domain apps
    "champions",
    "reviews",
    "mptf",
    "knowledge",
]

MIDDLEWARE = [
    # First: a cached public answer is served before anything else runs (gcm_portal/core/pagecache.py).
    "gcm_portal.core.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gcm_portal.api.throttling.RateLimitHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gcm_portal.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "gcm_portal.urls"
WSGI_APPLICATION = "gcm_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gcm_portal.core.context_processors.portal",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database
# ---------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # A write transaction takes SQLite's write lock when it begins, so concurrent writers wait their turn
    # (up to the timeout) instead of failing with "database is locked" when a read lock cannot be upgraded.
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
else:
    # A database that does not answer costs a request at most DB_CONNECT_TIMEOUT seconds (libpq's minimum
    # is 2), then the 503 page (gcm_portal/core/views.py, server_error); a connection found dead is
    # replaced at the next request (CONN_HEALTH_CHECKS above).
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options.setdefault("connect_timeout", env.int("DB_CONNECT_TIMEOUT", default=2))
    DB_STATEMENT_TIMEOUT_MS = env.int("DB_STATEMENT_TIMEOUT_MS", default=30000)
    if env.bool("DB_PGBOUNCER", default=False):
        # PgBouncer in transaction pooling mode: a server connection serves another client after each
        # transaction, so no named server-side cursors and no session settings; set the statement timeout
        # on the database role instead (docs/operations.md).
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    elif DB_STATEMENT_TIMEOUT_MS:
        # A runaway query is cancelled instead of tying up a worker (0 turns this off).
        _db_options.setdefault("options", f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS}")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------
# Redis: cache, Celery broker and results
# ---------------------------------------------------------------------------

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    # A cache the portal can live without (gcm_portal/core/cache.py): unreachable = every read misses,
    # writes are dropped, logged once per outage; short timeouts so a hung server costs little.
    CACHES = {
        "default": {
            "BACKEND": "gcm_portal.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "gcm",
            "OPTIONS": {
                "socket_connect_timeout": env.float("CACHE_SOCKET_TIMEOUT", default=0.5),
                "socket_timeout": env.float("CACHE_SOCKET_TIMEOUT", default=0.5),
                "retry_seconds": env.float("CACHE_RETRY_SECONDS", default=5),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The public page cache (gcm_portal/core/pagecache.py): anonymous answers of public pages and API reads,
# invalidated by every write to these apps' models and by publication events. The lifetime is a safety
# net for what changes with the calendar, not the invalidation.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_TRACKED_APPS = ["taxonomy", "reviews", "champions", "mptf", "knowledge"]

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or "cache+memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 300
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_BEAT_SCHEDULE = {
    "review-deadline-reminders": {"task": "reviews.send_deadline_reminders", "schedule": 6 * 60 * 60},
    "mptf-report-reminders": {"task": "mptf.send_report_reminders", "schedule": 6 * 60 * 60},
    "hub-digests": {"task": "knowledge.send_digests", "schedule": 24 * 60 * 60},
}

# ---------------------------------------------------------------------------
# Reliability (issue 14): the outbox, late acknowledgement, health probes
# ---------------------------------------------------------------------------

# Tasks are acknowledged when they finish, not when they start: a worker killed mid-task has its task
# delivered again (tasks are idempotent: gcm_portal/core/outbox.py, effect_once). One task at a time per
# worker process, so a killed worker holds back no others.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers a task that was taken and never acknowledged after this many seconds: longer than the
# longest task (CELERY_TASK_TIME_LIMIT), or a slow task would run twice.
CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
# Publishing (the outbox relay, beat) tries a dead broker once more, at once, then gives up: the task
# stays in the outbox instead of holding a request for seconds. Workers reconnect for ever on their own.
CELERY_BROKER_TRANSPORT_OPTIONS.update(max_retries=1, interval_start=0, interval_step=0.5, interval_max=0.5)
# Separate queues, so a flood of text extraction or index updates never delays an e-mail
# (docker-compose.yml runs a worker per queue; a single worker started with -Q mail,extract,index,celery
# serves all).
CELERY_TASK_ROUTES = {
    "core.send_email": {"queue": "mail"},
    "core.extract_text": {"queue": "extract"},
    "knowledge.index_record": {"queue": "index"},
}
# The transactional outbox: relayed after each commit, and by beat every OUTBOX_RELAY_SECONDS.
OUTBOX_RELAY_SECONDS = env.int("OUTBOX_RELAY_SECONDS", default=30)
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=7)
CELERY_BEAT_SCHEDULE["outbox-relay"] = {"task": "core.outbox_relay", "schedule": OUTBOX_RELAY_SECONDS}
# Each /healthz probe (cache, broker) gives up after this long.
HEALTH_TIMEOUT_SECONDS = env.float("HEALTH_TIMEOUT_SECONDS", default=1.0)

# ---------------------------------------------------------------------------
# Accounts and authentication
# ---------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "gcm_portal.accounts.backends.RolePermissionBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
ACCOUNT_CONFIRMATION_MAX_AGE = 60 * 60 * 24 * 3

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# ---------------------------------------------------------------------------
# Languages: the six official UN languages
# ---------------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# ---------------------------------------------------------------------------
# Static and media files
# ---------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploaded documents live here, outside any served folder; downloads go through permission-checking views.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(MEDIA_ROOT / "private")))
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_MB", default=25) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Uploaded files are never served from a public URL: downloads go through views that check permission.
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# ---------------------------------------------------------------------------
# Shared object storage for uploaded documents (issue 14)
# ---------------------------------------------------------------------------

# Local disk (PRIVATE_MEDIA_ROOT) by default. With S3_BUCKET set, documents live in any S3-compatible
# object store, so several web servers and workers share them. They stay private: no public ACL, and
# downloads still go through the portal's permission-checking views, streamed from the store.
S3_BUCKET = env.str("S3_BUCKET", default="")
if S3_BUCKET:
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("S3_PREFIX", default="private"),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": 60,
            "addressing_style": env.str("S3_ADDRESSING_STYLE", default="path"),
        },
    }
else:
    STORAGES["private"] = {"BACKEND": "gcm_portal.core.files.PrivateStorage"}

# ---------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="GCM Portal <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# ---------------------------------------------------------------------------
# Security
# ---------------------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sessions live in the database, mirrored in the cache (no query per signed-in page); a cache that is
# down signs nobody out (gcm_portal/core/sessions.py).
SESSION_ENGINE = "gcm_portal.core.sessions"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

# ---------------------------------------------------------------------------
# REST API
# ---------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "gcm_portal.api.authentication.BearerOrTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Deny unless a view says who may: every endpoint declares its permission classes.
    "DEFAULT_PERMISSION_CLASSES": ["gcm_portal.api.permissions.DenyAll"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "gcm_portal.api.pagination.PortalPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "gcm_portal.api.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "gcm_portal.api.errors.api_exception_handler",
    # Each request counted once (anonymous by address, signed-in by account), with RateLimit headers;
    # anonymous reads served from the page cache are not counted (gcm_portal/api/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": [
        "gcm_portal.api.throttling.AnonymousRateThrottle",
        "gcm_portal.api.throttling.SignedInRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="600/minute"),
        "user": env.str("API_THROTTLE_USER", default="600/minute"),
        "auth": env.str("API_THROTTLE_AUTH", default="10/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "GCM Portal API",
    "DESCRIPTION": (
        "Open data on how States implement the Global Compact for Safe, Orderly and Regular Migration: "
        "the GCM reference taxonomy, regional reviews, voluntary reports, champion countries, the "
        "Migration MPTF and the knowledge hub. Published records are public; writes need a token."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}

# ---------------------------------------------------------------------------
# Logging
# ---------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# ---------------------------------------------------------------------------
# Security hardening (issue 7): client address, sign-in lockout, page rate limits.
# Kept in one block, on top of the sections above. See docs/security.md.
# ---------------------------------------------------------------------------

# How many reverse proxies stand in front of the portal, each setting X-Forwarded-For (0: none, the header
# is ignored). The client address of throttles, lockout and the audit log (gcm_portal/core/clientip.py).
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXIES

INSTALLED_APPS += ["axes"]
# A request id and the client address for every request (audit log, security events, X-Request-ID), and the
# record of refused accesses. Outside the page cache, so a cached answer carries its own request id.
MIDDLEWARE.insert(0, "gcm_portal.core.security.RequestContextMiddleware")
MIDDLEWARE.insert(1, "gcm_portal.core.security.RefusedAccessMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS.insert(0, "axes.backends.AxesStandaloneBackend")

# Sign-in lockout (django-axes): failures are counted per account AND address together, so nobody can
# lock a focal point out from elsewhere; a success, a password reset or the cool-off lifts it.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("SIGN_IN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("SIGN_IN_LOCKOUT_MINUTES", default=15) / 60  # hours
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "gcm_portal.core.clientip.client_address"
AXES_USERNAME_CALLABLE = "gcm_portal.accounts.security.axes_username"
AXES_LOCKOUT_CALLABLE = "gcm_portal.accounts.security.lockout_response"
AXES_VERBOSE = False

# Fixed-window limits of pages that send e-mail or check passwords, per client address and per target
# e-mail address (gcm_portal/core/ratelimit.py). Values as "count/period" (s, m, h, d).
PAGE_RATE_LIMITS = {
    "sign-in-address": env.str("SIGN_IN_RATE_PER_ADDRESS", default="30/10m"),
    "password-reset-address": env.str("PASSWORD_RESET_RATE_PER_ADDRESS", default="10/h"),
    "password-reset-email": env.str("PASSWORD_RESET_RATE_PER_EMAIL", default="3/h"),
    "register-address": env.str("REGISTER_RATE_PER_ADDRESS", default="10/h"),
    "register-email": env.str("REGISTER_RATE_PER_EMAIL", default="3/h"),
}

LOGGING["loggers"]["gcm_portal.security"] = {"level": "INFO"}

# API tokens (gcm_portal/accounts/services.py): stored as hashes, named, expiring.
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=90)
API_TOKEN_MAX_DAYS = env.int("API_TOKEN_MAX_DAYS", default=365)

# Session lifetimes (gcm_portal/core/sessions.py): an absolute lifetime and an idle timeout, shorter for
# accounts that must use a second factor (administrators, Network staff, fund managers).
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_HOURS", default=24) * 3600
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_MINUTES", default=120) * 60
STAFF_SESSION_ABSOLUTE_SECONDS = env.int("STAFF_SESSION_ABSOLUTE_HOURS", default=10) * 3600
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_MINUTES", default=30) * 60
SESSION_COOKIE_AGE = max(SESSION_ABSOLUTE_SECONDS, STAFF_SESSION_ABSOLUTE_SECONDS)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "gcm_portal.core.sessions.SessionLifetimeMiddleware",
)

# Two-factor authentication (django-otp; gcm_portal/accounts/twofactor.py): required for administrators,
# Network staff and fund managers before any page, the admin included.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "gcm_portal.accounts.twofactor.SecondFactorMiddleware",
)
TWO_FACTOR_ENFORCED = env.bool("TWO_FACTOR_ENFORCED", default=True)
OTP_TOTP_ISSUER = "GCM Portal"
