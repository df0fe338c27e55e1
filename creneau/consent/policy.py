"""Facts the legal pages and, later, the cookie banner share: one source for both."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The version of the hand-written prose of the privacy and cookie policies: bump it when that
# prose changes in substance. The policy's version (`policy_version()`) is this plus a digest of
# the sections generated from the registry, so a new purpose, retention or recipient makes a
# new version by itself, and consent is asked again.
PROSE_VERSION = "2026-11-26"


@dataclass(frozen=True)
class CookieCategory:
    key: str
    name: Promise
    purpose: Promise
    required: bool


COOKIE_CATEGORIES: tuple[CookieCategory, ...] = (
    CookieCategory(
        "necessary",
        _("Necessary"),
        _(
            "Keep you signed in, protect forms against forgery and remember your language and "
            "cookie choices. The site cannot work without them, so they cannot be refused."
        ),
        True,
    ),
    CookieCategory(
        "analytics",
        _("Performance and analytics"),
        _(
            "Count page views per page and per day, without identifying you, to improve the "
            "site. Measured by us, with no third party."
        ),
        False,
    ),
    CookieCategory(
        "personalisation",
        _("Personalisation"),
        _("Remember your preferences, such as the city and kind of salon you last searched for."),
        False,
    ),
    CookieCategory(
        "marketing",
        _("Marketing and tracking"),
        _(
            "Measure our advertising campaigns through the advertising partners listed below, "
            "who may recognise your browser on other sites."
        ),
        False,
    ),
)


# --- Cookies, providers and timing of the consent -------------------------------------------------
# The categories above say what each kind of cookie is for; what follows says which cookies and
# which providers each one covers. Names and vendors depend on settings (the `__Host-` prefix
# outside DEBUG, the operator's configured tags), so they are built per call, not at import.

# Consent is asked again after six months (182 days: never more than six calendar months) ...
CONSENT_RENEWAL_DAYS = 182
# ... and the cookie that keeps it lives at most thirteen months (390 days < 13 calendar months).
CONSENT_COOKIE_MAX_AGE_DAYS = 390
# Remembered search preferences (personalisation) are kept for six months.
SEARCH_PREFERENCES_MAX_AGE_DAYS = 182

CATEGORY_KEYS: tuple[str, ...] = tuple(category.key for category in COOKIE_CATEGORIES)
OPTIONAL_CATEGORY_KEYS: tuple[str, ...] = tuple(
    category.key for category in COOKIE_CATEGORIES if not category.required
)


@dataclass(frozen=True)
class CookieDetail:
    name: str
    provider: str
    purpose: Promise
    duration: Promise


@dataclass(frozen=True)
class Vendor:
    """A third party whose tag the operator may configure; loaded only with its category."""

    key: str
    name: str
    product: str
    category: str
    setting: str
    cookies: tuple[tuple[str, Promise, Promise], ...]
    # Content-Security-Policy sources added, only for visitors who granted the category.
    csp: dict[str, tuple[str, ...]] = field(default_factory=dict)


VENDORS: tuple[Vendor, ...] = (
    Vendor(
        key="google_tag",
        name="Google Ireland Limited",
        product="Google tag",
        category="marketing",
        setting="ANALYTICS_GOOGLE_TAG_ID",
        cookies=(
            ("_ga, _ga_*", _("tells one browser from another for Google"), _("2 years")),
            ("_gcl_au", _("links ad clicks to bookings for Google Ads"), _("3 months")),
        ),
        csp={
            "script-src": ("https://www.googletagmanager.com",),
            "img-src": ("https://*.google-analytics.com", "https://*.googletagmanager.com"),
            "connect-src": (
                "https://*.google-analytics.com",
                "https://*.analytics.google.com",
                "https://*.googletagmanager.com",
            ),
        },
    ),
    Vendor(
        key="meta_pixel",
        name="Meta Platforms Ireland Limited",
        product="Meta pixel",
        category="marketing",
        setting="MARKETING_META_PIXEL_ID",
        cookies=(("_fbp", _("tells one browser from another for Meta"), _("3 months")),),
        csp={
            "script-src": ("https://connect.facebook.net",),
            "img-src": ("https://www.facebook.com",),
            "connect-src": ("https://www.facebook.com",),
        },
    ),
)


def active_vendors() -> tuple[Vendor, ...]:
    """The vendors whose tag the operator configured (an empty setting means none)."""
    from django.conf import settings

    return tuple(vendor for vendor in VENDORS if getattr(settings, vendor.setting, ""))


def category_cookies(key: str) -> tuple[CookieDetail, ...]:
    """The cookies a category covers, as the banner and the cookie policy list them."""
    from django.conf import settings

    operator = settings.OPERATOR["NAME"]
    if key == "necessary":
        return (
            CookieDetail(
                settings.SESSION_COOKIE_NAME,
                operator,
                _("keeps you signed in"),
                _("2 weeks, or until you log out"),
            ),
            CookieDetail(
                settings.CSRF_COOKIE_NAME,
                operator,
                _("protects forms against forgery"),
                _("1 year"),
            ),
            CookieDetail(
                settings.LANGUAGE_COOKIE_NAME,
                operator,
                _("remembers the language you chose"),
                _("until you close the browser"),
            ),
            CookieDetail(
                settings.CONSENT_COOKIE_NAME,
                operator,
                _("remembers your cookie choices"),
                _("13 months at most; we ask again after 6 months"),
            ),
            CookieDetail(
                "messages",
                operator,
                _("shows a one-time notice, such as “your choices have been saved”"),
                _("until the notice is shown"),
            ),
        )
    if key == "personalisation":
        return (
            CookieDetail(
                settings.SEARCH_PREFERENCES_COOKIE_NAME,
                operator,
                _("remembers the city and kind of salon of your last search"),
                _("6 months"),
            ),
        )
    if key == "marketing":
        return tuple(
            CookieDetail(name, vendor.name, purpose, duration)
            for vendor in active_vendors()
            if vendor.category == key
            for name, purpose, duration in vendor.cookies
        )
    # Analytics: our audience measurement counts on the server and sets no cookie.
    return ()


def category_providers(key: str) -> tuple[str, ...]:
    """Who receives data for a category: the operator alone, or the configured vendors."""
    from django.conf import settings

    if key == "marketing":
        return tuple(f"{v.name} ({v.product})" for v in active_vendors() if v.category == key)
    if key == "analytics" and not settings.AUDIENCE_MEASUREMENT_ENABLED:
        return ()
    return (settings.OPERATOR["NAME"],)


# --- What is behind each category ---------------------------------------------------------------
# A category is offered only when something is behind it: asking consent for a purpose that
# loads nothing would mislead, and makes the banner longer than it needs to be. The banner, the
# cookie policy and the proof in the ledger all read `category_behind`.


def category_behind(key: str) -> tuple[str, ...]:
    """What choosing `key` turns on, in words (first-party features, then each configured third
    party); empty when nothing is behind it."""
    from django.conf import settings

    behind: list[str] = []
    if key == "necessary":
        behind.append(str(_("the site itself: sign-in, forms, language, your cookie choices")))
    elif key == "analytics" and settings.AUDIENCE_MEASUREMENT_ENABLED:
        behind.append(str(_("our own audience measurement (no third party)")))
    elif key == "personalisation":
        behind.append(str(_("the memory of your last search (city and kind of salon)")))
    behind.extend(
        f"{vendor.name} ({vendor.product})" for vendor in active_vendors() if vendor.category == key
    )
    if key == settings.MAP_CONSENT_CATEGORY and settings.MAP_TILE_URL:
        # The results map asks this server for its images, which shows it the visitor's address;
        # with the category granted the map loads by itself, otherwise only when asked.
        host = urlsplit(settings.MAP_TILE_URL).hostname or settings.MAP_TILE_URL
        behind.append(
            str(_("the results map, whose images come from %(host)s, shown without asking"))
            % {"host": host}
        )
    return tuple(behind)


def offered_categories() -> tuple[CookieCategory, ...]:
    """The categories the banner offers: the necessary ones, and each optional one with
    something behind it."""
    return tuple(c for c in COOKIE_CATEGORIES if c.required or category_behind(c.key))


def offered_optional_keys() -> tuple[str, ...]:
    return tuple(c.key for c in offered_categories() if not c.required)


# --- The policy's version ----------------------------------------------------------------------

_VERSION_CACHE: dict[tuple[object, ...], tuple[str, dict[str, Any]]] = {}


def _current() -> tuple[str, dict[str, Any]]:
    """(version, generated sections in each language), derived once per state of the registry,
    the prose version and the settings the sections name."""
    import hashlib
    import json

    from django.conf import settings

    from creneau.privacy.records import policy_sections
    from creneau.privacy.registry import registry

    key = (registry.generation, PROSE_VERSION, settings.HOSTING_PROVIDER)
    cached = _VERSION_CACHE.get(key)
    if cached is None:
        sections: dict[str, Any] = {
            code: policy_sections(code) for code, _name in settings.LANGUAGES
        }
        canonical = json.dumps(
            {"prose": PROSE_VERSION, "sections": sections},
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        digest = hashlib.sha256(canonical.encode()).hexdigest()
        cached = (f"{PROSE_VERSION}-{digest[:10]}", sections)
        _VERSION_CACHE.clear()
        _VERSION_CACHE[key] = cached
    return cached


class _Derived(str):
    """A version read through `POLICY_VERSION` (derived, not pinned)."""


def policy_version() -> str:
    """The privacy policy's version: the prose version and a digest of the generated sections
    (in every language). Every consent records it; a new one asks for consent again. A
    `POLICY_VERSION` set on this module pins it (a deployment replaying an old one, a test)."""
    pinned = globals().get("POLICY_VERSION")
    if isinstance(pinned, str) and not isinstance(pinned, _Derived):
        return pinned
    return _current()[0]


def policy_sections_current() -> dict[str, Any]:
    """The generated sections of the current version, by language code."""
    return _current()[1]


def __getattr__(name: str) -> str:
    # `policy.POLICY_VERSION` reads as it always did, derived now rather than written down.
    if name == "POLICY_VERSION":
        return _Derived(policy_version())
    raise AttributeError(name)
