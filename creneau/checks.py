"""Créneau's deploy checks: settings a release must not ship with.

They run with Django's own security checks under `manage.py check --deploy`, so a release can be
gated on `manage.py check --deploy --fail-level WARNING`; `--tag creneau` runs ours alone. Every
message has a stable id (docs/security.md, "Deploy checks"):

- creneau.E001 a cookie (session, CSRF, language) named without the `__Host-` prefix
- creneau.E002 a `__Host-` cookie without Secure (browsers drop it)
- creneau.E003 a `__Host-` cookie with a domain, or a path other than "/" (browsers drop it)
- creneau.E010 an `unsafe-*` source in a Content-Security-Policy directive
- creneau.E011 no Content-Security-Policy enforced
- creneau.E020 Argon2 is not the first of PASSWORD_HASHERS
- creneau.E021 Argon2 is first but argon2-cffi cannot be loaded
- creneau.E030 an SQLite database not in IMMEDIATE transaction mode
- creneau.E040 no logging handler receives the errors of `django.request`
- creneau.E050 the API documentation served to everyone while `API_DOCS_PUBLIC` is off
- creneau.E051 allauth's headless API specification served while `API_DOCS_PUBLIC` is off

Each function reads the live configuration (settings, URL configuration), never a copy of it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.module_loading import import_string

HOST_PREFIX = "__Host-"
# (setting prefix, what the cookie is for): Django reads <prefix>_NAME, _SECURE, _DOMAIN, _PATH.
HOST_COOKIES = (
    ("SESSION_COOKIE", "session"),
    ("CSRF_COOKIE", "CSRF"),
    ("LANGUAGE_COOKIE", "language"),
)
CSP_SETTINGS = ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
CSP_MIDDLEWARE = "csp.middleware.CSPMiddleware"
ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"
SQLITE_ENGINE = "django.db.backends.sqlite3"
ERROR_LOGGER = "django.request"


def check_host_cookies(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[Error]:
    """Session, CSRF and language cookies carry the `__Host-` prefix, with what it requires.

    The prefix makes the browser refuse the cookie unless it is Secure, has no Domain and has
    the path "/", so a subdomain or a plain-HTTP page cannot plant or overwrite it.
    """
    errors = []
    for prefix, purpose in HOST_COOKIES:
        if prefix == "CSRF_COOKIE" and settings.CSRF_USE_SESSIONS:
            continue  # The CSRF token lives in the session: there is no CSRF cookie.
        name = getattr(settings, f"{prefix}_NAME")
        if not name.startswith(HOST_PREFIX):
            errors.append(
                Error(
                    f"The {purpose} cookie is named {name!r}, without the {HOST_PREFIX} prefix.",
                    hint=f"Set {prefix}_NAME to '{HOST_PREFIX}{name}' (DEBUG=false does).",
                    id="creneau.E001",
                )
            )
            continue
        if not getattr(settings, f"{prefix}_SECURE"):
            errors.append(
                Error(
                    f"The {purpose} cookie {name!r} is not Secure: browsers refuse a "
                    f"{HOST_PREFIX} cookie without it.",
                    hint=f"Set {prefix}_SECURE = True and serve the site over HTTPS.",
                    id="creneau.E002",
                )
            )
        domain = getattr(settings, f"{prefix}_DOMAIN")
        path = getattr(settings, f"{prefix}_PATH")
        if domain or path != "/":
            errors.append(
                Error(
                    f"The {purpose} cookie {name!r} has domain {domain!r} and path {path!r}: "
                    f"browsers refuse a {HOST_PREFIX} cookie with a domain or another path "
                    f"than '/'.",
                    hint=f"Set {prefix}_DOMAIN = None and {prefix}_PATH = '/'.",
                    id="creneau.E003",
                )
            )
    return errors


def _sources(value: object) -> list[object]:
    """A directive's sources as django-csp writes them: a list, tuple or set of strings (each
    may hold several, space-separated), one string, or a single value such as the nonce."""
    items = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
    return [part for item in items for part in (item.split() if isinstance(item, str) else [item])]


def check_content_security_policy(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[Error]:
    """A policy is enforced, and no directive of any policy relaxes it with `unsafe-*`.

    Scripts carry a per-request nonce and styles come from our own files, so nothing needs
    `'unsafe-inline'`, `'unsafe-eval'`, `'unsafe-hashes'` or `'wasm-unsafe-eval'`.
    """
    errors = []
    enforced = getattr(settings, "CONTENT_SECURITY_POLICY", None)
    if not enforced or CSP_MIDDLEWARE not in settings.MIDDLEWARE:
        errors.append(
            Error(
                "No Content-Security-Policy is enforced.",
                hint=f"Set CONTENT_SECURITY_POLICY and keep {CSP_MIDDLEWARE} in MIDDLEWARE.",
                id="creneau.E011",
            )
        )
    for setting in CSP_SETTINGS:
        policy = getattr(settings, setting, None) or {}
        for directive, value in (policy.get("DIRECTIVES") or {}).items():
            for source in _sources(value):
                if isinstance(source, str) and "unsafe-" in source.lower():
                    errors.append(
                        Error(
                            f"{setting} allows {source} in {directive}.",
                            hint="Remove it: give inline scripts the request's nonce and move "
                            "inline styles and event handlers to static files.",
                            id="creneau.E010",
                        )
                    )
    return errors


def check_password_hashers(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[Error]:
    """New and upgraded passwords are hashed with Argon2 (Django hashes with the first one)."""
    from django.contrib.auth.hashers import Argon2PasswordHasher

    hashers = list(settings.PASSWORD_HASHERS)
    first: object = None
    if hashers:
        try:
            first = import_string(hashers[0])
        except ImportError:
            first = None
    if not (isinstance(first, type) and issubclass(first, Argon2PasswordHasher)):
        return [
            Error(
                f"The first password hasher is {hashers[0] if hashers else None!r}, not Argon2.",
                hint=f"Put '{ARGON2}' first in PASSWORD_HASHERS; keep the others after it so "
                "existing hashes are still verified and upgraded at the next login.",
                id="creneau.E020",
            )
        ]
    try:
        first()._load_library()  # type: ignore[attr-defined]  # django-stubs omit this private method
    except ValueError:
        return [
            Error(
                "Argon2 is the first password hasher but argon2-cffi cannot be imported.",
                hint="Install the locked dependencies (make install).",
                id="creneau.E021",
            )
        ]
    return []


def check_sqlite_transaction_mode(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[Error]:
    """An SQLite write transaction takes the write lock when it begins.

    In the default DEFERRED mode two transactions that read then write both start, and the
    second fails with "database is locked" at its first write instead of waiting on the busy
    timeout; the booking path relies on writers queueing (DESIGN.md, docs/locking.md).
    """
    errors = []
    for alias, database in settings.DATABASES.items():
        if database.get("ENGINE") != SQLITE_ENGINE:
            continue
        mode = (database.get("OPTIONS") or {}).get("transaction_mode")
        if str(mode or "DEFERRED").upper() != "IMMEDIATE":
            errors.append(
                Error(
                    f"The SQLite database {alias!r} uses the {mode or 'DEFERRED'} transaction "
                    "mode: concurrent bookings fail with 'database is locked'.",
                    hint='Set DATABASES[...]["OPTIONS"]["transaction_mode"] = "IMMEDIATE" '
                    "(settings.py does it for every sqlite:// DATABASE_URL).",
                    id="creneau.E030",
                )
            )
    return errors


def _level(value: object) -> int:
    if value is None:
        return logging.NOTSET
    if isinstance(value, int):
        return value
    level = logging.getLevelName(str(value).upper())
    return level if isinstance(level, int) else logging.CRITICAL + 1


def _handler_takes_errors(name: str, config: dict[str, Any]) -> bool:
    handler = (config.get("handlers") or {}).get(name)
    if handler is None:
        return False
    if handler.get("class") == "logging.NullHandler":
        return False
    if _level(handler.get("level")) > logging.ERROR:
        return False
    for filter_name in handler.get("filters") or ():
        factory = ((config.get("filters") or {}).get(filter_name) or {}).get("()")
        if factory == "django.utils.log.RequireDebugTrue" and not settings.DEBUG:
            return False
    return True


def error_handlers(config: dict[str, Any], logger: str = ERROR_LOGGER) -> list[str]:
    """The handlers of `config` (a `logging.config.dictConfig` dictionary) that an ERROR record
    of `logger` reaches: up the logger's ancestors to the root, until one stops propagation.

    Loggers the dictionary leaves out add no handler of their own (Django's defaults print to
    the console in DEBUG only, or mail ADMINS); the first level set on the way decides whether
    the record is emitted at all, as in `logging`. With `disable_existing_loggers` (the default)
    and none of the logger's ancestors named, Django's "django" logger, created before, is
    disabled and the record goes nowhere.
    """
    loggers = dict(config.get("loggers") or {})
    root = config.get("root") or loggers.pop("", None) or {}
    parts = logger.split(".")
    names = [".".join(parts[:i]) for i in range(len(parts), 0, -1)]
    if config.get("disable_existing_loggers", True) and not any(n in loggers for n in names):
        return []
    chain = [loggers.get(name) or {} for name in names] + [root]
    effective = next((_level(c["level"]) for c in chain if c.get("level")), logging.WARNING)
    if effective > logging.ERROR:
        return []
    reached = []
    for logger_config in chain:
        reached += [
            name
            for name in logger_config.get("handlers") or ()
            if _handler_takes_errors(name, config)
        ]
        if logger_config.get("propagate", True) is False:
            break
    return reached


def check_error_logging(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[Error]:
    """Server errors (`django.request` at ERROR, with their traceback) reach a log handler."""
    hint = (
        "Route the 'django.request' logger (or 'django', or the root) at ERROR or below to a "
        "handler, as settings.LOGGING does with its redacting stderr handler."
    )
    if settings.LOGGING_CONFIG is None:
        return [
            Error(
                "LOGGING_CONFIG is None: Django does not apply LOGGING, so nothing shows that "
                "server errors are logged.",
                hint=hint,
                id="creneau.E040",
            )
        ]
    if not error_handlers(settings.LOGGING):
        return [
            Error(
                "No logging handler receives the errors of 'django.request': server errors "
                "would leave no trace.",
                hint=hint,
                id="creneau.E040",
            )
        ]
    return []


def _routes(patterns: Sequence[Any], prefix: str = "") -> Iterator[tuple[str, Callable[..., Any]]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def _serves_ninja_docs(view: Callable[..., Any]) -> bool:
    from ninja.openapi.views import openapi_json, openapi_view

    current: Any = view
    while current is not None:
        if isinstance(current, functools.partial):
            return current.func in (openapi_json, openapi_view)
        current = getattr(current, "__wrapped__", None)
    return False


def check_api_docs(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[Error]:
    """With `API_DOCS_PUBLIC` off, no route of the URL configuration serves an API document or
    documentation page to everyone: every django-ninja docs route goes through the guard."""
    if settings.API_DOCS_PUBLIC:
        return []
    from creneau.api.docs import is_guarded

    errors = [
        Error(
            f"API_DOCS_PUBLIC is off but /{route} serves the API documentation to everyone.",
            hint="Give the NinjaAPI docs_decorator=creneau.api.docs.docs_guard.",
            id="creneau.E050",
        )
        for route, view in _routes(get_resolver().url_patterns)
        if _serves_ninja_docs(view) and not is_guarded(view)
    ]
    if getattr(settings, "HEADLESS_SERVE_SPECIFICATION", False):
        errors.append(
            Error(
                "API_DOCS_PUBLIC is off but allauth serves its headless API specification to "
                "everyone.",
                hint="Set HEADLESS_SERVE_SPECIFICATION = False.",
                id="creneau.E051",
            )
        )
    return errors


DEPLOY_CHECKS: tuple[Callable[..., Sequence[CheckMessage]], ...] = (
    check_host_cookies,
    check_content_security_policy,
    check_password_hashers,
    check_sqlite_transaction_mode,
    check_error_logging,
    check_api_docs,
)


def register_deploy_checks() -> None:
    for check in DEPLOY_CHECKS:
        register(check, Tags.security, "creneau", deploy=True)
