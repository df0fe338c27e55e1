"""Créneau settings: one module, configured by environment variables only.

Every variable has a safe default for the embedded run (`make run`: SQLite under var/, e-mails
written to var/mail/). Production sets DEBUG=false, SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS,
EMAIL_URL, SITE_URL and the OPERATOR_* identity. Parsing is strict: a malformed value stops the
start with a message rather than being silently read as a default.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import NotRequired, TypedDict

import dj_database_url
import dj_email_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false, 1/0, yes/no), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


DEBUG = env_bool("DEBUG", True)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    # Development only: generated once, kept out of git under var/.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
# In development the server's port (PORT, which `make run` and honcho set) gives the default, so
# links in e-mails point at the server that sent them.
SITE_URL = env_str(
    "SITE_URL", f"http://127.0.0.1:{env_str('PORT', '8000')}" if DEBUG else "http://127.0.0.1:8000"
).rstrip("/")
# The name e-mails and messages sign with (never the host and port of the request).
SITE_NAME = env_str("SITE_NAME", "Créneau")

# The results map: tiles from this server (its address reveals the visitor's IP to it, so the
# map loads only when asked, or for visitors who accepted MAP_CONSENT_CATEGORY).
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")
MAP_CONSENT_CATEGORY = env_str("MAP_CONSENT_CATEGORY", "personalisation")
if MAP_CONSENT_CATEGORY not in ("analytics", "personalisation", "marketing"):
    raise ImproperlyConfigured(
        "MAP_CONSENT_CATEGORY must be analytics, personalisation or marketing."
    )
CSRF_TRUSTED_ORIGINS = [SITE_URL] if SITE_URL.startswith("https://") else []

# --- Operator identity (legal notice, privacy policy, e-mail footers) ---------------------------
OPERATOR = {
    "NAME": env_str("OPERATOR_NAME", "Créneau SAS"),
    "LEGAL_FORM": env_str("OPERATOR_LEGAL_FORM", "SAS"),
    "SHARE_CAPITAL": env_str("OPERATOR_SHARE_CAPITAL", "10 000 €"),
    "ADDRESS": env_str("OPERATOR_ADDRESS", "1 rue de l'Exemple, 75001 Paris, France"),
    "REGISTRATION": env_str("OPERATOR_REGISTRATION", "RCS Paris 000 000 000"),
    "PHONE": env_str("OPERATOR_PHONE", "+33 1 00 00 00 00"),
    "EMAIL": env_str("OPERATOR_EMAIL", "hello@creneau.example"),
    "DPO_EMAIL": env_str("OPERATOR_DPO_EMAIL", "privacy@creneau.example"),
    "PUBLICATION_DIRECTOR": env_str(
        "OPERATOR_PUBLICATION_DIRECTOR", "La présidence de Créneau SAS"
    ),
}
HOSTING_PROVIDER = env_str(
    "HOSTING_PROVIDER", "Hébergeur Exemple SAS, 2 avenue de l'Exemple, 69001 Lyon, France"
)


# --- Vulnerability reports (/.well-known/security.txt and the disclosure policy page) ----------
# Where a security researcher writes: an e-mail address, or an https:// (or mailto:, tel:) URI.
def _security_contact() -> str:
    raw = env_str("SECURITY_CONTACT", OPERATOR["EMAIL"]).strip()
    if raw.startswith(("https://", "mailto:", "tel:")) or (
        "@" in raw and ":" not in raw and " " not in raw
    ):
        return raw
    raise ImproperlyConfigured(
        f"SECURITY_CONTACT must be an e-mail address or an https://, mailto: or tel: URI, "
        f"not {raw!r}"
    )


SECURITY_CONTACT = _security_contact()

# --- Applications -------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.headless",
    "allauth.usersessions",
    "phonenumber_field",
    "django_tasks",
    "django_tasks_db",
    "csp",
    # The project package itself: its deploy checks (creneau/checks.py).
    "creneau",
    "creneau.accounts",
    "creneau.privacy",
    "creneau.catalog",
    "creneau.bookings",
    "creneau.notifications",
    # Features built on the privacy framework; their `privacy.py` modules are found when the
    # privacy app loads (autodiscovery runs once every app's models are ready).
    "creneau.consent",
    "creneau.rights",
    "creneau.reviews",
    "creneau.waitlist",
    "creneau.web",
    "creneau.backoffice",
    "creneau.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "creneau.middleware.NulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "creneau.web.middleware.LanguageMiddleware",
    "creneau.accounts.middleware.LastActivityMiddleware",
    "creneau.accounts.middleware.RetryAfterMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    # After auth (account choices at login) and after CSPMiddleware (extends its policy).
    "creneau.consent.middleware.ConsentMiddleware",
]

ROOT_URLCONF = "creneau.urls"
WSGI_APPLICATION = "creneau.wsgi.application"
ASGI_APPLICATION = "creneau.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "creneau" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "creneau.web.context_processors.site",
                # Last: overrides the CSRF token while a page is rendered to be kept.
                "creneau.web.page_cache.placeholders",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'creneau.sqlite3'}")
_db = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE: a write transaction takes the write lock at BEGIN, so concurrent writers queue on
    # the busy timeout instead of failing with "database is locked" at their first write.
    # secure_delete: erased personal data is overwritten in the file, not just unlinked.
    _db["CONN_MAX_AGE"] = 0 if env_bool("SQLITE_NO_PERSISTENT", False) else _db["CONN_MAX_AGE"]
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA secure_delete=ON;"
            "PRAGMA foreign_keys=ON;"
        ),
    }
    _db.setdefault("TEST", {})["NAME"] = str(VAR_DIR / "test-creneau.sqlite3")
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------------------------
# How long a rendered public page may be reused at most; 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
PAGE_CACHE_ENTRIES = env_int("PAGE_CACHE_ENTRIES", 300)
# How many rendered parts of results pages (cards, form) each web process keeps; 0: none.
FRAGMENT_CACHE_ENTRIES = env_int("FRAGMENT_CACHE_ENTRIES", 3000)
if PAGE_CACHE_SECONDS < 0 or PAGE_CACHE_ENTRIES < 1 or FRAGMENT_CACHE_ENTRIES < 0:
    raise ImproperlyConfigured(
        "PAGE_CACHE_SECONDS and FRAGMENT_CACHE_ENTRIES must be 0 or more, "
        "PAGE_CACHE_ENTRIES 1 or more."
    )


class _CacheSettings(TypedDict):
    BACKEND: str
    LOCATION: str
    OPTIONS: NotRequired[dict[str, int]]


def _cache_from_url(url: str) -> _CacheSettings:
    """The shared cache (rate-limit counters, allauth's and the API's) from CACHE_URL:
    db://<table> (the database, the default), redis://host:port/db or rediss://...,
    memcached://host:port, or locmem:// (per process: only for a single web process)."""
    scheme, _sep, rest = url.partition("://")
    if scheme == "db":
        # Well above the live counters: a flood of distinct keys must not cull real ones (the
        # default, 300, would let an attacker reset the limits by filling the table).
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": rest,
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        }
    if scheme in ("redis", "rediss"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "memcached":
        return {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": rest}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest}
    raise ImproperlyConfigured(
        f"CACHE_URL must be db://<table>, redis://..., memcached://... or locmem://, not {url!r}"
    )


# The default cache holds the rate-limit counters, so it must be shared by every web process: the
# database by default (its table is created by a migration, creneau/migrations), Redis or
# Memcached in production if wanted. A database table other than creneau_cache needs
# `manage.py createcachetable` once.
CACHE_URL = env_str("CACHE_URL", "db://creneau_cache")
_default_cache = _cache_from_url(CACHE_URL)
if _default_cache["BACKEND"].endswith("DatabaseCache") and not _default_cache["LOCATION"]:
    raise ImproperlyConfigured("CACHE_URL=db://<table> needs a table name.")
CACHES = {
    "default": _default_cache,
    # Rendered public pages for visitors without an account session (web.page_cache): per
    # process, bounded, each entry valid while its salon's public_version stands and for at
    # most PAGE_CACHE_SECONDS. No personal data is ever kept there.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "TIMEOUT": PAGE_CACHE_SECONDS,
        "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_ENTRIES},
    },
    # Rendered parts of the search results pages (its cards, its form: web.catalog_views),
    # each keyed by everything it shows: an entry is never stale, only unused.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": max(FRAGMENT_CACHE_ENTRIES, 1)},
    },
}

# --- Auth and accounts --------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    # Django's UserAttributeSimilarityValidator, plus the e-mail's local part taken whole.
    {"NAME": "creneau.accounts.validators.PersonalDataSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "web:home"

ACCOUNT_ADAPTER = "creneau.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_SIGNUP_FORM_CLASS = "creneau.accounts.forms.SignupExtraForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Créneau] "
# allauth names the person by first name in its messages and e-mails, never "User #6".
ACCOUNT_USER_DISPLAY = "creneau.accounts.adapter.user_display"
# Failed logins are limited by creneau.accounts.ratelimit instead (LOGIN_FAILURE_LIMITS below):
# allauth's own counter is keyed on the address alone, so anyone could lock an account.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Failed logins, counted in the shared default cache ("count/period"; docs/security.md): per
# client and address together, per client, and a looser ceiling per address. Past a limit the
# login answers 429 with Retry-After, on the site and in the app.
LOGIN_FAILURE_LIMITS = {
    "client_address": env_str("LOGIN_LIMIT_CLIENT_ADDRESS", "5/5m"),
    "client": env_str("LOGIN_LIMIT_CLIENT", "30/5m"),
    "address": env_str("LOGIN_LIMIT_ADDRESS", "50/h"),
}
for _name, _rate in LOGIN_FAILURE_LIMITS.items():
    import re as _re

    if _rate and not _re.fullmatch(r"[1-9][0-9]*/[0-9]*[smhd]", _rate):
        raise ImproperlyConfigured(
            f"LOGIN_LIMIT_{_name.upper()} must be a count per period (e.g. 5/5m, 50/h), "
            f"not {_rate!r}"
        )
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Créneau"
HEADLESS_ONLY = False
HEADLESS_CLIENTS = ("app",)

PHONENUMBER_DEFAULT_REGION = "FR"
PHONENUMBER_DB_FORMAT = "E164"

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "fr"
# English dates in one day-month-year style (creneau/formats/en), like the French ones.
FORMAT_MODULE_PATH = ["creneau.formats"]
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "creneau" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "__Host-lang" if not DEBUG else "lang"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files -------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- E-mail -------------------------------------------------------------------------------------
# dj-email-url takes the path after "file://" + host: an absolute path needs "file:////abs".
EMAIL_URL = env_str("EMAIL_URL", f"file:///{VAR_DIR / 'mail'}")
_email = dj_email_url.parse(EMAIL_URL)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH") or str(VAR_DIR / "mail")
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = _email.get("EMAIL_TIMEOUT") or 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Créneau <no-reply@creneau.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Tasks --------------------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- Notifications: outbox delivery and SMS (creneau.notifications, docs/notifications.md) -------
# A failed try is retried after RETRY_BASE, 2x, 4x ... seconds (at most RETRY_MAX apart) until
# MAX_ATTEMPTS tries are spent; then the message is "failed" and shown in the admin. A message
# claimed by a worker that died is claimed again after CLAIM_TIMEOUT (keep it well above
# EMAIL_TIMEOUT). The clock's sweep delivers pending messages overdue by SWEEP_AFTER seconds
# (their task was lost), at most SWEEP_BATCH a minute.
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 8)
NOTIFICATIONS_RETRY_BASE_SECONDS = env_int("NOTIFICATIONS_RETRY_BASE_SECONDS", 60)
NOTIFICATIONS_RETRY_MAX_SECONDS = env_int("NOTIFICATIONS_RETRY_MAX_SECONDS", 3600)
NOTIFICATIONS_CLAIM_TIMEOUT_SECONDS = env_int("NOTIFICATIONS_CLAIM_TIMEOUT_SECONDS", 300)
NOTIFICATIONS_SWEEP_AFTER_SECONDS = env_int("NOTIFICATIONS_SWEEP_AFTER_SECONDS", 120)
NOTIFICATIONS_SWEEP_BATCH = env_int("NOTIFICATIONS_SWEEP_BATCH", 200)
# No SMS provider is reachable here: by default each SMS is written to a file under var/sms/.
SMS_BACKEND = env_str("SMS_BACKEND", "creneau.notifications.sms.FileSmsBackend")
SMS_FILE_PATH = env_str("SMS_FILE_PATH", str(VAR_DIR / "sms"))

# --- Security -----------------------------------------------------------------------------------
SESSION_COOKIE_NAME = "sessionid" if DEBUG else "__Host-sessionid"
CSRF_COOKIE_NAME = "csrftoken" if DEBUG else "__Host-csrftoken"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Reverse proxies in front of the app server (production: one nginx, deploy/nginx/creneau.conf).
# With one or more, X-Forwarded-Proto says whether the client came over HTTPS, and the client's
# address is the entry that many places from the end of X-Forwarded-For (allauth's per-address
# rate limits, its session list). Only right when nothing but the proxy can reach the app
# server, or a client could write both headers; 0 trusts neither.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0 if DEBUG else 1)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

# --- Logging ------------------------------------------------------------------------------------
# Django's default only mails ADMINS about server errors; we log every one with its traceback to
# stderr, through a filter that strips e-mail addresses, phone numbers and the current user's names.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_personal_data": {"()": "creneau.logging.RedactPersonalDataFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_personal_data"],
        },
    },
    "root": {"handlers": ["stderr"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}


# --- Privacy framework: the domain models its audit log points to -------------------------------
# Named here, as AUTH_USER_MODEL is, so the framework itself names no domain model.
PRIVACY_AUDIT_CONTACT_MODEL = "bookings.SalonContact"
PRIVACY_AUDIT_BUSINESS_MODEL = "catalog.Business"


# --- Cookie consent, audience measurement and marketing tags (consent app) ---------------------
# The consent cookie and the personalisation cookie are first-party, signed and HttpOnly, with the
# `__Host-` prefix and Secure outside DEBUG like the session cookie. The tags below are loaded
# only for visitors who accepted "marketing"; empty means not configured (nothing rendered).
def env_pattern(name: str, pattern: str) -> str:
    import re

    raw = os.environ.get(name, "").strip()
    if raw and not re.fullmatch(pattern, raw):
        raise ImproperlyConfigured(f"{name} does not look right: {raw!r}")
    return raw


CONSENT_COOKIE_NAME = "cookie_consent" if DEBUG else "__Host-cookie_consent"
CONSENT_COOKIE_SECURE = not DEBUG
SEARCH_PREFERENCES_COOKIE_NAME = "search_prefs" if DEBUG else "__Host-search_prefs"
# Our own cookieless audience measurement (page views per path and day), for visitors who
# accepted "analytics"; private areas are never counted.
AUDIENCE_MEASUREMENT_ENABLED = env_bool("AUDIENCE_MEASUREMENT_ENABLED", True)
AUDIENCE_EXCLUDED_PATH_PREFIXES = [
    "/admin/",
    "/accounts/",
    "/account/",
    "/_allauth/",
    "/api/",
    "/pro/",
    "/privacy/staff/",
]
# A Google tag (G-..., AW-..., GT-..., DC-...) and a Meta pixel id: marketing category.
ANALYTICS_GOOGLE_TAG_ID = env_pattern("ANALYTICS_GOOGLE_TAG_ID", r"(G|AW|GT|DC)-[A-Z0-9]{4,20}")
MARKETING_META_PIXEL_ID = env_pattern("MARKETING_META_PIXEL_ID", r"[0-9]{5,20}")

# --- Retention (privacy app; docs/privacy.md) ----------------------------------------------------
# Read by `manage.py retention` (creneau/privacy/retention.py), run daily by the clock. Periods
# the registry declares (consent proofs, task rows, remembered salons, archives, audit entries)
# come from the registry; these are the ones that are a policy choice of the operator.
RETENTION_INACTIVE_ACCOUNT_DAYS = env_int("RETENTION_INACTIVE_ACCOUNT_DAYS", 730)
RETENTION_INACTIVE_WARNING_DAYS = env_int("RETENTION_INACTIVE_WARNING_DAYS", 30)
RETENTION_UNVERIFIED_SIGNUP_DAYS = env_int("RETENTION_UNVERIFIED_SIGNUP_DAYS", 7)
RETENTION_SENT_MESSAGE_DAYS = env_int("RETENTION_SENT_MESSAGE_DAYS", 365)
# How long a time freed from a salon's waitlist is held for the customer it is offered to,
# before it passes to the next one.
WAITLIST_HOLD_MINUTES = env_int("WAITLIST_HOLD_MINUTES", 30)
RETENTION_RIGHTS_REQUEST_UNCONFIRMED_HOURS = env_int(
    "RETENTION_RIGHTS_REQUEST_UNCONFIRMED_HOURS", 48
)

# --- Product settings ---------------------------------------------------------------------------
DEFAULT_BUSINESS_TIME_ZONE = "Europe/Paris"

# --- REST API for the app (creneau.api; docs/api.md) ------------------------------------------
# "ninja" only for its Swagger UI files, served from here: the CSP allows no CDN.
INSTALLED_APPS += ["ninja"]
# Booking changes per customer ("count/period", several separated by commas; s, m, h, d, or
# e.g. 15m). Authentication endpoints are limited by allauth (ACCOUNT_RATE_LIMITS above).
API_RATE_LIMITS = {
    "booking_write": env_str("API_RATE_LIMIT_BOOKING_WRITE", "10/m,60/h"),
    "data_export": env_str("API_RATE_LIMIT_DATA_EXPORT", "5/h"),
}
# The OpenAPI document and its interactive page (/api/v1/openapi.json, /api/v1/docs): public in
# development. Off, they are shown to platform staff only and are "not found" for everyone else
# (creneau.api.docs); `check --deploy` verifies the served routes honour it (creneau.E050).
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", DEBUG)

# --- Erasure tombstones (replayed after a backup restore) ---------------------------------------
# Keep the key stable across SECRET_KEY rotations, and the journal outside the database backups.
ERASURE_TOMBSTONE_KEY = env_str("ERASURE_TOMBSTONE_KEY", "")
ERASURE_TOMBSTONE_JOURNAL = env_str(
    "ERASURE_TOMBSTONE_JOURNAL", str(VAR_DIR / "erasure-tombstones.log")
)

# --- Backups (creneau.backups; docs/backup.md) ----------------------------------------------------
# `manage.py backup` writes to BACKUP_DIR (0700), then deletes the backups there older than
# BACKUP_RETENTION_DAYS or beyond the BACKUP_RETENTION_COUNT newest: backups hold the people
# erased since, so they must not be kept for ever. PG_BIN_DIR: where pg_dump, pg_restore,
# createdb and dropdb are, when not on PATH (else Debian's /usr/lib/postgresql/<v>/bin).
INSTALLED_APPS += ["creneau.backups"]
BACKUP_DIR = env_str("BACKUP_DIR", str(VAR_DIR / "backups"))


def env_at_least_one(name: str, default: int) -> int:
    value = env_int(name, default)
    if value < 1:
        raise ImproperlyConfigured(f"{name} must be at least 1, not {value}")
    return value


BACKUP_RETENTION_DAYS = env_at_least_one("BACKUP_RETENTION_DAYS", 30)
BACKUP_RETENTION_COUNT = env_at_least_one("BACKUP_RETENTION_COUNT", 30)
PG_BIN_DIR = env_str("PG_BIN_DIR", "")
