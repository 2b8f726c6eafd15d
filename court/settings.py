"""Settings for Fanjian: one module, 12-factor, typed helpers that fail loudly.

SQLite and django-q2's ORM broker by default; DATABASE_URL switches to PostgreSQL, REDIS_URL moves django-q2
(and the cache) to Redis and S3_BUCKET the case files to an S3-compatible store (deploy/README.md).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from court.env import envbool, envchoice, envfloat, envint, envlist, envstr, envurl

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DJANGO_DEBUG", False)
_DEV_SECRET = "fanjian-development-only-secret-key-not-for-production-use-0123456789"
SECRET_KEY = envstr("DJANGO_SECRET_KEY", _DEV_SECRET if DEBUG or envbool("FANJIAN_DEV", True) else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when FANJIAN_DEV is false.")
ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_q",
    "court.org",
    "court.cases",
    "court.portal",
    "court.metrics",
    "court.paperwork",
    "court.mediation",
    "triage",
    "court.demo",
    "court.ops",
    "rest_framework",
    "drf_spectacular",
    "court.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, before anything that reads the session
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "court.security.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out sign-in into the lockout page
]

ROOT_URLCONF = "court.urls"
WSGI_APPLICATION = "court.wsgi.application"
AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

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
            ],
        },
    },
]

# Database: SQLite unless DATABASE_URL says otherwise. SQLite, whether from SQLITE_PATH or from
# DATABASE_URL=sqlite:///…, always gets the same options: write transactions that take the lock at BEGIN
# (no "database is locked" half-way through a service), a busy timeout and WAL.
SQLITE_OPTIONS = {
    "timeout": envint("SQLITE_TIMEOUT", 20),
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA mmap_size=268435456;",
}
_database_url = envurl("DATABASE_URL", ("sqlite", "postgres", "postgresql", "pgsql"))
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": envstr("SQLITE_PATH", str(BASE_DIR / "var" / "fanjian.sqlite3")),
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
    # Tests use an in-memory SQLite database; the concurrency tests need a file that several connections share
    # the way the running app does (`make test` runs them with SQLITE_TEST_PATH set).
    if envstr("SQLITE_TEST_PATH", ""):
        DATABASES["default"]["TEST"] = {"NAME": envstr("SQLITE_TEST_PATH", "")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-q2: the ORM broker by default, Redis when REDIS_URL is set.
REDIS_URL = envurl("REDIS_URL", ("redis", "rediss", "unix"))
Q_CLUSTER: dict[str, object] = {
    "name": envstr("Q_CLUSTER_NAME", "fanjian"),  # the Redis queue's key: one name per deployment
    "workers": envint("Q_WORKERS", 2),
    "timeout": envint("Q_TIMEOUT", 1800),
    "retry": envint("Q_RETRY", 3600),
    "max_attempts": 1,
    "catch_up": False,
    "label": "Django Q2",
    "orm": "default",
}
if REDIS_URL:
    del Q_CLUSTER["orm"]
    Q_CLUSTER["redis"] = REDIS_URL
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Passwords: Argon2 first (argon2-cffi); the other hashers read older hashes and upgrade them at sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Login throttling (django-axes) on the site's and the admin's sign-in: FANJIAN_LOGIN_FAILURE_LIMIT wrong
# passwords for one username from one IP address lock that pair out for FANJIAN_LOGIN_LOCKOUT_MINUTES, with
# the page registration/locked_out.html (HTTP 429). The address is REMOTE_ADDR (never a client-sent header).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = envbool("FANJIAN_LOGIN_THROTTLING", True)
AXES_FAILURE_LIMIT = envint("FANJIAN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("FANJIAN_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "court.security.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
if AXES_FAILURE_LIMIT < 1 or AXES_COOLOFF_TIME.total_seconds() <= 0:
    raise ImproperlyConfigured("FANJIAN_LOGIN_FAILURE_LIMIT and FANJIAN_LOGIN_LOCKOUT_MINUTES must be positive.")

# Content-Security-Policy of every HTML page (court.security): this site only, no inline script or style.
SECURITY_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Chinese by default, English complete.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]

TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_URL_PATH = "/" + STATIC_URL
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "var" / "static")))

# Fanjian's own settings.
FANJIAN_MODELS_DIR = Path(envstr("FANJIAN_MODELS_DIR", str(BASE_DIR / "models")))
FANJIAN_DEADLINE_ROLL_OVER = envbool("FANJIAN_DEADLINE_ROLL_OVER", True)  # CPL 85 roll-over, for courts an import creates
FANJIAN_IMPORT_ERROR_LIMIT = envint("FANJIAN_IMPORT_ERROR_LIMIT", 200)
FANJIAN_COMMAND_LANGUAGE = envstr("FANJIAN_COMMAND_LANGUAGE", "en")  # management commands; the web follows the user
if FANJIAN_COMMAND_LANGUAGE not in dict(LANGUAGES):
    raise ImproperlyConfigured(
        f"FANJIAN_COMMAND_LANGUAGE={FANJIAN_COMMAND_LANGUAGE!r} must be one of {', '.join(dict(LANGUAGES))}."
    )
FANJIAN_METRICS_CACHE_SECONDS = envint("FANJIAN_METRICS_CACHE_SECONDS", 300)  # dashboard cache; 0 turns it off
# The monthly reports (PDF and Excel) the schedule writes on the 1st (`metrics_schedule`), one folder per court.
FANJIAN_REPORTS_DIR = Path(envstr("FANJIAN_REPORTS_DIR", str(BASE_DIR / "var" / "reports")))
# The electronic case file (电子卷宗): uploaded and generated documents, stored under random names through
# Django's storage API, outside the web root (no URL serves this folder; only the download view reads it).
# Another backend is a change of STORAGES["case_files"] only (S3_BUCKET below).
FANJIAN_CASE_FILES_DIR = Path(envstr("FANJIAN_CASE_FILES_DIR", str(BASE_DIR / "var" / "case-files")))
FANJIAN_UPLOAD_MAX_MB = envint("FANJIAN_UPLOAD_MAX_MB", 20)  # the largest file a party or the court uploads
if FANJIAN_UPLOAD_MAX_MB < 1:
    raise ImproperlyConfigured(f"FANJIAN_UPLOAD_MAX_MB={FANJIAN_UPLOAD_MAX_MB} must be at least 1.")
# With S3_BUCKET set, the case files live in that bucket of an S3-compatible store instead (django-storages, the
# `s3` extra): private objects, never a public or signed URL; the download views read them after the access check
# and stream them to the user (deploy/README.md).
S3_BUCKET = envstr("S3_BUCKET", "").strip()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "case_files": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(FANJIAN_CASE_FILES_DIR), "base_url": "/no-public-url/",
                    "file_permissions_mode": 0o640, "directory_permissions_mode": 0o750},
    },
}
if S3_BUCKET:
    try:
        import storages  # noqa: F401  (the `s3` extra)
    except ImportError:
        raise ImproperlyConfigured("S3_BUCKET needs django-storages: pip install -e '.[s3]'.") from None
    _s3_keys = {"access_key": envstr("S3_ACCESS_KEY_ID", ""), "secret_key": envstr("S3_SECRET_ACCESS_KEY", "")}
    if bool(_s3_keys["access_key"]) != bool(_s3_keys["secret_key"]):
        raise ImproperlyConfigured("Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (boto3's own "
                                   "credentials: AWS_* variables, an instance role).")
    STORAGES["case_files"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": envurl("S3_ENDPOINT_URL", ("http", "https")),  # None: AWS itself
            "region_name": envstr("S3_REGION", "") or None,
            "location": envstr("S3_PREFIX", "case-files").strip("/"),
            "addressing_style": envchoice("S3_ADDRESSING_STYLE", "path", ("path", "virtual", "auto")),
            "signature_version": "s3v4",
            "default_acl": "private",
            "file_overwrite": False,  # like the folder: a name is never reused
            # No URL is ever handed out (CaseFileStorage.url refuses); should one be made, it is signed and short.
            "querystring_auth": True,
            "querystring_expire": 60,
            "max_memory_size": 2 * 1024 * 1024,  # a download larger than this is spooled to a temporary file
            **({k: v for k, v in _s3_keys.items() if v}),
        },
    }
FANJIAN_TRIAGE_DEFAULT_THRESHOLD = envfloat("FANJIAN_TRIAGE_DEFAULT_THRESHOLD", 0.5)  # when no court has one
FANJIAN_TRIAGE_AUTO = envbool("FANJIAN_TRIAGE_AUTO", True)  # triage on filing and on each re-triage signal

# E-mail: confirmations, password resets and invitations of the parties' online court (court.portal). The
# console backend prints them (development, the demo); set EMAIL_BACKEND (and Django's EMAIL_HOST, …) to send.
EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "fanjian@localhost")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
# The site's address in e-mails sent outside a request (a lawyer's client invited after the filing commits).
FANJIAN_SITE_URL = envurl("FANJIAN_SITE_URL", ("http", "https")) or "http://127.0.0.1:8000"
# Bounds of the portal per hour: sign-ups and password-reset requests per e-mail address and per IP address,
# wrong join codes per user (court.portal.throttle; the cache counts).
FANJIAN_SIGNUP_LIMIT = envint("FANJIAN_SIGNUP_LIMIT", 5)
FANJIAN_RESET_LIMIT = envint("FANJIAN_RESET_LIMIT", 5)
FANJIAN_JOIN_ATTEMPT_LIMIT = envint("FANJIAN_JOIN_ATTEMPT_LIMIT", 10)
if min(FANJIAN_SIGNUP_LIMIT, FANJIAN_RESET_LIMIT, FANJIAN_JOIN_ATTEMPT_LIMIT) < 1:
    raise ImproperlyConfigured("FANJIAN_SIGNUP_LIMIT, FANJIAN_RESET_LIMIT and FANJIAN_JOIN_ATTEMPT_LIMIT must be "
                               "positive.")

# The REST API (court.api, /api/v1/): bearer tokens or the session (CSRF enforced), JSON only (no browsable API),
# problem documents for every error, pagination, and rates per user and per address (FANJIAN_API_RATES).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["court.api.tokens.BearerTokenAuthentication",
                                       "rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser", "rest_framework.parsers.MultiPartParser"],
    "DEFAULT_THROTTLE_CLASSES": ["court.api.throttling.AnonThrottle", "court.api.throttling.UserThrottle",
                                 "court.api.throttling.WriteThrottle"],
    "DEFAULT_PAGINATION_CLASS": "court.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "court.api.problems.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "court.api.schema.AutoSchema",
    "UNICODE_JSON": True,
}
FANJIAN_API_RATES = {
    "anon": envstr("FANJIAN_API_ANON_RATE", "60/min"),
    "user": envstr("FANJIAN_API_USER_RATE", "600/min"),
    "write": envstr("FANJIAN_API_WRITE_RATE", "30/hour"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fanjian API",
    "DESCRIPTION": "The court's cases, filings, documents, hearings, fees, notices, dockets and metrics.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {"PartyKindEnum": "court.cases.models.Party.Kind",
                            "DocumentKindEnum": "court.cases.models.DocumentKind",
                            "FeeKindEnum": "court.cases.models.FeeNotice.Kind",
                            "ApplicationKindEnum": "court.cases.models.Application.Kind",
                            "ApplicationStatusEnum": "court.cases.models.Application.Status",
                            "HearingStatusEnum": "court.cases.models.Hearing.Status"},
}

# The production profile: `DJANGO_PROFILE=production` (passes `manage.py check --deploy`).
PROFILE = envstr("DJANGO_PROFILE", "development")
if PROFILE not in ("development", "production"):
    raise ImproperlyConfigured(f"DJANGO_PROFILE={PROFILE!r} must be 'development' or 'production'.")
if PROFILE == "production":
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_DEBUG must be false in the production profile.")
    if SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("The production profile needs DJANGO_SECRET_KEY of 50+ random characters.")
    SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"

# Static files through whitenoise (deploy/README.md). With FANJIAN_STATIC_MANIFEST (the production profile's
# default) they are served from STATIC_ROOT after `collectstatic`, under names that carry their content hash,
# compressed, with a ten-year immutable Cache-Control; otherwise (development, tests, the demo) straight from
# static/ with a short max-age.
FANJIAN_STATIC_MANIFEST = envbool("FANJIAN_STATIC_MANIFEST", PROFILE == "production")
if FANJIAN_STATIC_MANIFEST:
    STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not FANJIAN_STATIC_MANIFEST

# Court fees paid online (court.cases.payments) and text messages to parties (court.portal.sms): dotted paths of
# the backends. The fake payment backend completes every payment at once: development and the demo only, so the
# production profile has no online payment unless FANJIAN_PAYMENT_BACKEND names a real provider's backend.
FANJIAN_PAYMENT_BACKEND = envstr("FANJIAN_PAYMENT_BACKEND",
                                 "" if PROFILE == "production" else "court.cases.payments.FakePaymentBackend")
FANJIAN_SMS_BACKEND = envstr("FANJIAN_SMS_BACKEND", "court.portal.sms.ConsoleSmsBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("DJANGO_LOG_LEVEL", "WARNING")},
}
