"""One settings module, configured from the environment.

With nothing set, goldenthread runs on an SQLite file under var/ in the checkout, so a
fresh clone works without a database server. Production sets DATABASE_URL (PostgreSQL,
through psycopg 3), SECRET_KEY and ALLOWED_HOSTS.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
import environ
from django.core.exceptions import ImproperlyConfigured

from goldenthread.accounts.sso_settings import check_single_sign_on, email_domains

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment, "
            "or DEBUG=1 for a development machine."
        )
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set: set it to the host names the app is served at, "
        "such as plans.example.gov.uk."
    )

INSTALLED_APPS = [
    # First, so that its templates (the site's shell, and the admin's header) come first.
    "goldenthread.web",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    # Before django_tasks_db: its `db_worker` command is this app's patient one.
    "goldenthread.mail",
    "django_tasks_db",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "auditlog",
    "axes",
    "csp",
    "goldenthread.areas",
    "goldenthread.partnerships",
    "goldenthread.plans",
    "goldenthread.indicators",
    "goldenthread.commentary",
    "goldenthread.factcheck",
    "goldenthread.reports",
    "goldenthread.accounts",
    "goldenthread.people",
    "goldenthread.strategy",
    "goldenthread.rounds",
    "goldenthread.boards",
    "goldenthread.checks",
    "goldenthread.audit",
    "goldenthread.caching",
    "goldenthread.api",
    "goldenthread.backups",
    "goldenthread.demo",
]

MIDDLEWARE = [
    # Outermost, to see each answer as it leaves: whole pages for anonymous readers of a
    # public partnership, and every partnership page's data version (caching/pages.py).
    "goldenthread.caching.pages.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which reads the body: a body too large, or a file from
    # someone who may not upload there, is refused unread (web/bodies.py).
    "goldenthread.web.bodies.RequestBodyMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "goldenthread.audit.middleware.AuditMiddleware",
    # Writes answered 503 with Retry-After while a backup is restored (docs/security.md).
    "goldenthread.backups.middleware.RestoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "goldenthread.urls"
WSGI_APPLICATION = "goldenthread.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "goldenthread.web.context_processors.partnership",
                "goldenthread.plans.pages.current_delivery_plan",
                "goldenthread.demo.notice.demo_notice",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{PROJECT_DIR / 'var' / 'goldenthread.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Several server processes and the worker write to one file: writers take the lock
    # when their transaction starts and wait their turn, and readers never block them.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

FORM_RENDERER = "goldenthread.web.forms.GovukFormRenderer"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", PROJECT_DIR / "var" / "static"))
# Served by the app itself through WhiteNoise: after `collectstatic`, with hashed names
# (cached for a year by browsers) and compressed; no web server configuration needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# GOV.UK Frontend comes from npm (see package.json); its images and scripts are served
# from node_modules rather than copied into the repository.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("govuk", PROJECT_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", PROJECT_DIR / "var" / "media"))
# Backups (goldenthread/backups): the flag every process reads while a restore runs.
RESTORING_FLAG = Path(os.environ.get("RESTORING_FLAG", PROJECT_DIR / "var" / "restoring"))

# --- Files: uploads, published reports, chart images (docs/storage.md) ---
# Through Django's storage API, so that every app server and the worker share them: local
# folders by default (MEDIA_ROOT, its uploads/ for files waiting to be imported, and
# CHART_CACHE); S3-compatible object storage through django-storages when S3_BUCKET is
# set, each kind under its own prefix, with the credentials from the usual AWS variables
# (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, or the machine's role). No URL serves any of
# them: the app streams what it shows (reports/views.py).
CHART_CACHE = Path(os.environ.get("CHART_CACHE", PROJECT_DIR / "var" / "cache" / "charts"))
S3_BUCKET = os.environ.get("S3_BUCKET", "").strip()


def s3_storages(bucket: str, **options: str | None) -> dict[str, dict]:
    """The default, uploads and charts storages in one bucket, each under its own prefix;
    ``options``: django-storages' S3Storage options, such as endpoint_url."""

    def one(prefix: str, *, overwrite: bool) -> dict:
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "location": prefix,
                # A published file is never replaced; the others are named by chance or content.
                "file_overwrite": overwrite,
                "default_acl": None,  # the bucket's own: private
                **options,
            },
        }

    return {
        "default": one("media", overwrite=False),
        "uploads": one("uploads", overwrite=True),
        "charts": one("charts", overwrite=True),
    }


if S3_BUCKET:
    STORAGES |= s3_storages(
        S3_BUCKET,
        endpoint_url=os.environ.get("S3_ENDPOINT_URL") or None,  # MinIO, Ceph, a cloud's
        region_name=os.environ.get("S3_REGION") or None,
        addressing_style=os.environ.get("S3_ADDRESSING_STYLE") or None,  # "path" for some
    )
else:
    STORAGES |= {
        "uploads": {
            "BACKEND": "goldenthread.lib.storage.LocalFolderStorage",
            "OPTIONS": {"media_folder": "uploads"},
        },
        "charts": {
            "BACKEND": "goldenthread.lib.storage.LocalFolderStorage",
            "OPTIONS": {"location": CHART_CACHE},
        },
    }
# Chart images kept at most (the oldest go first); 0 keeps every one. Object storage
# leaves the bound to the bucket's lifecycle rule (docs/storage.md): counting the
# images there takes a request per thousand.
CHART_CACHE_MAX_ENTRIES = int(
    os.environ.get("CHART_CACHE_MAX_ENTRIES", "0" if S3_BUCKET else "5000")
)

# --- Cached pages (issue 19; goldenthread/caching) ---
# Pages, fragments and evaluations keyed by the partnership's data version, so nothing is
# ever cleared by hand. Shared by every process and needing no server by default: files
# under var/cache/pages. CACHE_URL chooses another, read by django-environ:
# redis://host:6379/0 (Django's RedisCache), filecache:///path, dbcache://table (after
# `goldenthread createcachetable`), locmemcache:// (one process only).
PAGE_CACHE = "default"
CACHE_URL = os.environ.get("CACHE_URL", "").strip()
CACHES = {
    "default": {
        **(
            environ.Env.cache_url_config(CACHE_URL)
            if CACHE_URL
            else {
                "BACKEND": "goldenthread.lib.filecache.FileCache",  # culled now and then
                "LOCATION": str(PROJECT_DIR / "var" / "cache" / "pages"),
                "OPTIONS": {"MAX_ENTRIES": 20000},
            }
        ),
        # A day: keys name today's date, and entries of older versions are never asked
        # for again.
        "TIMEOUT": 24 * 3600,
    },
}

# `goldenthread backup` writes JSON that keeps times to the microsecond.
SERIALIZATION_MODULES = {"backup": "goldenthread.backups.serializer"}

# The background worker (`goldenthread db_worker`) takes its tasks from the database:
# no other server to run.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Fingertips' public API (OHID), which `goldenthread fetch_fingertips` and the monthly
# refresh read from; a server that cannot reach it may point this at a mirror. Empty
# switches fetching off (the tests do, then serve their own on loopback).
FINGERTIPS_API_URL = os.environ.get("FINGERTIPS_API_URL", "https://fingertips.phe.org.uk/api")

# Email: Django's settings, from the environment. Without EMAIL_HOST (the demo, a
# laptop) messages are written to the console instead of sent.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "goldenthread <noreply@localhost>")
# Mail goes out on the background worker (goldenthread/mail): a server that does not
# answer in EMAIL_TIMEOUT seconds fails the attempt, and a failed message is tried
# EMAIL_MAX_ATTEMPTS times in all, waiting longer each time, then kept as failed.
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_MAX_ATTEMPTS = int(os.environ.get("EMAIL_MAX_ATTEMPTS", "5"))
# The address links in emails start with, as people outside reach the app.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals": {"()": "goldenthread.web.errors.RefusalsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"django.request": {"filters": ["refusals"]}},
}

# --- Audit trail (goldenthread.audit, on django-auditlog) ---
AUDITLOG_LOGENTRY_MODEL = "audit.AuditEntry"
AUDITLOG_STORE_JSON_CHANGES = True  # old and new values as they are, not as text
AUDITLOG_DISABLE_ON_RAW_SAVE = True  # a restore puts records back; it changes nothing
# django-auditlog's migrations create its own log table even when the model is swapped
# for ours; that table would only sit empty and block PostgreSQL's TRUNCATE of users.
MIGRATION_MODULES = {"auditlog": None}

# --- REST API (goldenthread.api, on Django REST framework) ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "goldenthread.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",  # with CSRF, for the browser
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],  # views decide
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "goldenthread.api.renderers.CSVRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["goldenthread.api.parsers.BoundedJSONParser"],  # deep bodies: a 400
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "goldenthread.api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "goldenthread.api.problems.handle",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "goldenthread API",
    "DESCRIPTION": "A partnership's plan, its progress, indicators and boards. See /api/v1/docs/.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "goldenthread.api.schema.add_problems",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ActionStatus": "goldenthread.plans.models.Status",
        "DataStatus": "goldenthread.indicators.models.DataStatus",
        "MeetingStatus": "goldenthread.boards.models.MeetingStatus",
    },
}

# --- Sign-in and security (throttling, password reset, single sign-on, CSP) ---
# See docs/security.md.

# Repeated failed sign-ins: five for one username from one address, then a wait.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_ATTEMPTS", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("SIGN_IN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# django-axes' database records, minus the writes that delete nothing (accounts/lockout.py).
AXES_HANDLER = "goldenthread.accounts.lockout.LockoutRecords"
# Behind a reverse proxy the visitor's address is in X-Forwarded-For, which the proxy
# must set to the address it saw (not append to what the visitor sent): docs/security.md.
BEHIND_PROXY = envbool("BEHIND_PROXY")
# One rule for the visitor's address, shared with the audit trail and the throttles:
# behind the proxy, the address it saw (django-ipware); otherwise the connection's.
AXES_CLIENT_IP_CALLABLE = "goldenthread.audit.context.client_address"

# Rate limits (accounts/throttling.py, api/throttles.py): sign-in and password reset per
# address, the API per token (or signed-in person) and anonymous API per address. Each
# answers 429 with Retry-After. The counts live in a cache that every process of a server
# shares: files under var/ by default; THROTTLE_CACHE=memory keeps them per process
# (the tests; one process only).
THROTTLE_RATES = {
    "sign-in": os.environ.get("SIGN_IN_RATE", "10/minute,60/hour"),
    "password-reset": os.environ.get("PASSWORD_RESET_RATE", "5/minute,20/hour"),
    "api": os.environ.get("API_RATE", "120/minute"),
    "api-anonymous": os.environ.get("API_ANONYMOUS_RATE", "60/minute"),
}
THROTTLE_CACHE = os.environ.get("THROTTLE_CACHE", str(PROJECT_DIR / "var" / "cache" / "throttle"))
CACHES["throttle"] = (
    {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}
    if THROTTLE_CACHE == "memory"
    else {
        "BACKEND": "goldenthread.lib.filecache.FileCache",
        "LOCATION": THROTTLE_CACHE,
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
)
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = ["goldenthread.api.throttles.ApiThrottle"]

# HTTPS only, in production. `make serve` turns redirect and secure cookies off for
# plain HTTP on loopback.
SECURE_SSL_REDIRECT = not DEBUG and envbool("SECURE_SSL_REDIRECT", True)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = not DEBUG and envbool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600  # a working day
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# No inline scripts, nothing from other origins. Inline styles stay allowed: the charts
# are SVG drawn by matplotlib, whose shapes carry their colours as style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# --- Single sign-on (optional): OpenID Connect, e.g. Microsoft Entra ID ---
# On when OIDC_RP_CLIENT_ID is set; see docs/access.md. mozilla-django-oidc reads these
# settings. It is not added to INSTALLED_APPS: it has no models, templates or static files.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "").strip()
SINGLE_SIGN_ON = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "") or None
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")  # the library says HS256
OIDC_RP_SCOPES = "openid email profile"  # profile: given_name and family_name
OIDC_USE_PKCE = envbool("OIDC_USE_PKCE", True)  # Entra ID and most providers support it
OIDC_TIMEOUT = 10  # seconds: a provider that hangs must not hold a server process forever
# Our callback view sends a refused sign-in back to the sign-in page with a message,
# rather than to the home page without one.
OIDC_CALLBACK_CLASS = "goldenthread.accounts.single_sign_on.CallbackView"
OIDC_ALLOWED_DOMAINS = email_domains(os.environ.get("OIDC_ALLOWED_DOMAINS", ""))
# The claim by which the provider says the email address is the person's; a sign-in
# without it is refused. Entra ID names it xms_edov (an optional claim to switch on).
OIDC_EMAIL_VERIFIED_CLAIM = os.environ.get("OIDC_EMAIL_VERIFIED_CLAIM", "email_verified")
SIGN_IN_SSO_LABEL = os.environ.get("SIGN_IN_SSO_LABEL", "") or (
    "Sign in with your organisation's account"
)
if SINGLE_SIGN_ON:
    check_single_sign_on(os.environ, OIDC_RP_SIGN_ALGO)
    # Matches people by email and never gives a role (accounts/single_sign_on.py); after
    # django-axes, which must stay first to refuse locked-out sign-ins.
    AUTHENTICATION_BACKENDS.append("goldenthread.accounts.single_sign_on.SingleSignOnBackend")

# Uploads and imports (issue 18: bounded uploads, bodies refused unread). Sizes in bytes.
# A request body larger than this is refused with a 413 before it is read; nginx's
# client_max_body_size (README) should match it.
REQUEST_MAX_BYTES = int(os.environ.get("REQUEST_MAX_BYTES", "26214400"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, for a body that is not a file
# A previewed file not confirmed within this many seconds is deleted.
UPLOAD_PREVIEW_MAX_AGE = int(os.environ.get("UPLOAD_PREVIEW_MAX_AGE", "3600"))
# Bounds on a table or Office file read by any importer, checked before it is parsed
# (goldenthread/lib/tables.py; docs/importing.md).
TABLE_MAX_COLUMNS = int(os.environ.get("TABLE_MAX_COLUMNS", "500"))
TABLE_MAX_ROWS = int(os.environ.get("TABLE_MAX_ROWS", "5000000"))
TABLE_MAX_CELL_CHARS = int(os.environ.get("TABLE_MAX_CELL_CHARS", "32767"))
ZIP_MAX_UNCOMPRESSED_BYTES = int(os.environ.get("ZIP_MAX_UNCOMPRESSED_BYTES", "268435456"))
ZIP_MAX_RATIO = int(os.environ.get("ZIP_MAX_RATIO", "100"))
