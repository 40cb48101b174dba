"""RegenKnee settings: one file, every value read from the environment with a safe default.

The README has a table of every variable. With nothing set, the site runs in production mode,
where Django refuses to serve anything until DJANGO_SECRET_KEY is set; `make serve` sets
DJANGO_DEBUG=1 for local use.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

# Left empty in production when unset: Django then raises ImproperlyConfigured ("The SECRET_KEY
# setting must not be empty") on first use, so a server never runs with a guessable key.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - debug only

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "csp",
    "regenknee.core",
    "regenknee.sync",
    "regenknee.editorial",
    "regenknee.articles",
    "regenknee.checklists",
    "regenknee.clinic",
    "regenknee.options",
    "regenknee.search",
]

# Order matters. The security headers go on every response, cached or not; the health check
# answers before host validation; static files and cached pages are served before the session,
# the user and the database are touched; django-axes goes last, as it asks.
MIDDLEWARE = [
    "regenknee.core.logs.PrivateRequestMiddleware",
    "regenknee.core.headers.HeadResponseMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "regenknee.core.health.HealthCheckMiddleware",
    "regenknee.core.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Before the page cache, so a scheduled change that has come due retires the cached pages.
    "regenknee.editorial.middleware.PublishScheduledMiddleware",
    # The page cache keys each page by its URL and by the language taken from that URL's prefix
    # (the same rule LocaleMiddleware follows), so it can sit outside LocaleMiddleware and a hit
    # costs no language negotiation.
    "regenknee.core.pagecache.PageCacheMiddleware",
    # Inside the page cache, so a cached page keeps the header it was stored with rather than
    # having the policy built again for every hit.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session and before CommonMiddleware, as Django asks. Public pages take their
    # language from the URL alone (/ko/... is Korean, an unprefixed URL is English), never from
    # a cookie or the Accept-Language header, so one URL is always one page in one language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "regenknee.urls"
WSGI_APPLICATION = "regenknee.wsgi.application"

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
                "regenknee.core.languages.language_context",
                "regenknee.clinic.context.clinic_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# SQLite, the single-server default, made safe for several gunicorn workers and commands
# writing at once. Every transaction takes the write lock when it begins (IMMEDIATE), so two
# read-then-write transactions queue instead of one failing at once with "database is
# locked"; a writer waits up to DJANGO_SQLITE_TIMEOUT seconds for another (a save during
# sync_content); WAL lets pages be read while a write is under way.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": int(os.environ.get("DJANGO_SQLITE_TIMEOUT", "20")),
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# A Redis that hangs must cost a request milliseconds, not seconds: short socket timeouts (a
# healthy Redis answers in well under a millisecond), and after a failure the cache is not
# tried again for REDIS_RETRY_SECONDS (regenknee/core/redis_cache.py); pages are served
# uncached meanwhile.
REDIS_TIMEOUT_SECONDS = float(os.environ.get("DJANGO_REDIS_TIMEOUT", "0.1"))
REDIS_RETRY_SECONDS = float(os.environ.get("DJANGO_REDIS_RETRY_SECONDS", "5"))
REDIS_OPTIONS = {
    "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
    "socket_timeout": REDIS_TIMEOUT_SECONDS,
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "regenknee.core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_OPTIONS,
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # One server without Redis: a folder every gunicorn worker and every management command
    # shares, so an edit saved by one process retires the pages all the others serve.
    # (A per-process memory cache could not be told.)
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR", str(BASE_DIR / ".cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Anonymous full-page caching (regenknee/core/pagecache.py): how long a page is kept in the
# cache above (0 turns it off; off by default in debug, so template edits show at once), and
# the s-maxage a proxy such as nginx may reuse it for.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "0" if DEBUG else "600"))
PAGE_PROXY_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_PROXY_CACHE_SECONDS", "1"))
# How often each process reads the content generation kept in the database, so that a change
# made while the cache was unreachable retires the pages stored before it (one tiny query a
# second per process at most; cached pages otherwise touch no database).
PAGE_CACHE_DB_CHECK_SECONDS = float(os.environ.get("DJANGO_PAGE_CACHE_DB_CHECK_SECONDS", "1"))

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first, so a locked-out login stops here
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at today's addresses, every other language under its own prefix (/ko/). Adding a
# language is a line here plus its files (README, "Adding a language").
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ko", "한국어"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language the clinic's staff read. A checklist made in any other language can also print
# each question and warning sign in this one, so a doctor can read what the patient asks.
CLINIC_LANGUAGE = "ko"
# British English dates ("29 November 2026") for "en"; other languages use Django's formats
# ("2026년 11월 29일" for Korean).
FORMAT_MODULE_PATH = ["regenknee.formats"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", BASE_DIR / "content"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# `preload` only consents to the browsers' preload list; adding the domain is a separate step
# (hstspreload.org). Set DJANGO_HSTS_PRELOAD=0 if any subdomain must stay plain HTTP.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Set by regenknee.core.headers.SecurityHeadersMiddleware (Django has no setting for these).
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Every page and asset comes from this site, with no inline script or style, so the policy can
# be 'self' only. No nonces: they would differ per response and defeat the page cache. The
# Django admin (5.2) works under it: its scripts are files and its data rides in data-*
# attributes. JSON-LD <script type="application/ld+json"> is data, not script, so CSP allows it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Admin brute-force protection: 5 failures for one username from one IP address lock that pair
# out for 30 minutes (HTTP 429); a successful sign-in clears the count. Unlock early with
# `manage.py axes_reset_username NAME` (or axes_reset_ip, axes_reset); see docs/deploy.md.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "regenknee.core.clientip.client_ip"
# How many proxies (nginx, a load balancer) stand in front of gunicorn and append to
# X-Forwarded-For; 0 trusts only the connection's own address.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))

# One JSON object per line on stdout (systemd's journal or the container log collects it).
# The formatter withholds exception text while a patient's form post is handled; Django's
# "django" logger is redefined so its default mail_admins handler, which would mail the
# request with its POST data, is gone.
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "regenknee.core.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # Its start-up banner would land in every management command's output.
        "axes.apps": {"level": "WARNING"},
    },
}
