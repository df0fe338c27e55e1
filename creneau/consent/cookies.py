"""May we use cookie category X for this request? The one answer, and the cookies behind it.

- `consent_allows(request, category)`: the helper every feature asks (the `{% consent_allows %}`
  template tag asks it too). "necessary" is always allowed; the others only with a current
  choice that grants them; a category we do not know is a programming error (ValueError).
- `current_consent(request)`: the visitor's current choice, or None (no choice yet, choice
  older than six months, made under another policy version, or a new marketing vendor since).
- `consent_needed(request)`: the banner should be shown.
- `remember_search` / `remembered_search`: the personalisation feature (last city and kind of
  salon searched), used by the public search and the home page.

The choice is kept in one necessary first-party cookie, signed with SECRET_KEY, HttpOnly,
SameSite=Lax, Secure outside DEBUG, living 13 months at most; the ledger (`services.py`) keeps
the proof. No database query is needed to answer for an anonymous visitor.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

from creneau.consent import policy

if TYPE_CHECKING:
    from creneau.consent.models import ConsentRecord

CONSENT_SALT = "creneau.consent.cookies"
SEARCH_SALT = "creneau.privacy.search-preferences"
_UNSET = object()
_REQUEST_CACHE = "_privacy_consent"
SEARCH_FIELDS = {"where": 100, "category": 32}


@dataclass(frozen=True)
class Consent:
    consent_id: uuid.UUID
    policy_version: str
    granted: frozenset[str]  # optional categories granted; "necessary" is implied
    given_at: datetime
    vendors: frozenset[str]  # vendor keys active when the choice was made

    def allows(self, category: str) -> bool:
        return category == "necessary" or category in self.granted

    def is_current(self, now: datetime) -> bool:
        """False when consent must be asked again: policy changed, six months passed, or a
        vendor was added to a category this choice granted."""
        if self.policy_version != policy.policy_version():
            return False
        if now - self.given_at >= timedelta(days=policy.CONSENT_RENEWAL_DAYS):
            return False
        # A new vendor in a granted category, or in a category that was not offered then
        # (nothing behind it, so the visitor could not choose it), asks again.
        known = {vendor.key: vendor.category for vendor in policy.VENDORS}
        categories_then = {known.get(key) for key in self.vendors}
        new_vendors = {
            vendor.key
            for vendor in policy.active_vendors()
            if vendor.key not in self.vendors
            and (vendor.category in self.granted or vendor.category not in categories_then)
        }
        return not new_vendors


def consent_from_record(record: ConsentRecord) -> Consent:
    return Consent(
        consent_id=record.consent_id,
        policy_version=record.policy_version,
        granted=frozenset(record.granted) - {"necessary"},
        given_at=record.created_at,
        vendors=frozenset(vendor["key"] for vendor in record.banner.content.get("vendors", [])),
    )


# --- The consent cookie --------------------------------------------------------------------------


def consent_cookie_value(consent: Consent) -> str:
    payload = {
        "i": consent.consent_id.hex,
        "v": consent.policy_version,
        "g": sorted(consent.granted),
        "t": consent.given_at.isoformat(),
        "s": sorted(consent.vendors),
    }
    return signing.dumps(payload, salt=CONSENT_SALT, compress=True)


def consent_from_cookie(value: str) -> Consent | None:
    """The choice a cookie holds, current or not; None if absent, forged or over 13 months."""
    max_age = timedelta(days=policy.CONSENT_COOKIE_MAX_AGE_DAYS)
    try:
        payload = signing.loads(value, salt=CONSENT_SALT, max_age=max_age)
        granted = frozenset(str(key) for key in payload["g"])
        if not granted <= set(policy.OPTIONAL_CATEGORY_KEYS):
            return None
        return Consent(
            consent_id=uuid.UUID(hex=payload["i"]),
            policy_version=str(payload["v"]),
            granted=granted,
            given_at=datetime.fromisoformat(payload["t"]),
            vendors=frozenset(str(key) for key in payload.get("s", [])),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def consent_cookie_set(response: HttpResponseBase, consent: Consent) -> None:
    response.set_cookie(
        settings.CONSENT_COOKIE_NAME,
        consent_cookie_value(consent),
        max_age=int(timedelta(days=policy.CONSENT_COOKIE_MAX_AGE_DAYS).total_seconds()),
        path="/",
        secure=settings.CONSENT_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def device_consent(request: HttpRequest) -> Consent | None:
    """The choice this browser's cookie holds, even if it must be renewed."""
    value = request.COOKIES.get(settings.CONSENT_COOKIE_NAME)
    return consent_from_cookie(value) if value else None


# --- The helper ----------------------------------------------------------------------------------


def current_consent(request: HttpRequest) -> Consent | None:
    cached = getattr(request, _REQUEST_CACHE, _UNSET)
    if cached is not _UNSET:
        return cached  # type: ignore[return-value]  # only this function sets it, to a Consent or None
    consent = device_consent(request)
    if consent is not None and not consent.is_current(timezone.now()):
        consent = None
    setattr(request, _REQUEST_CACHE, consent)
    return consent


def consent_use(request: HttpRequest, consent: Consent | None) -> None:
    """Answer for the rest of this request from `consent` (a choice just made or carried over
    from the account), before the browser has the cookie."""
    setattr(request, _REQUEST_CACHE, consent)


def consent_allows(request: HttpRequest, category: str) -> bool:
    """May we use `category` ("necessary", "analytics", "personalisation", "marketing")?"""
    if category not in policy.CATEGORY_KEYS:
        raise ValueError(f"Unknown cookie category {category!r}")
    if category == "necessary":
        return True
    consent = current_consent(request)
    return consent is not None and consent.allows(category)


def consent_needed(request: HttpRequest) -> bool:
    return current_consent(request) is None


# --- Personalisation: remembered search preferences ----------------------------------------------


def remembered_search(request: HttpRequest) -> dict[str, str]:
    """The last city and kind of salon searched, if personalisation is granted (else {})."""
    if not consent_allows(request, "personalisation"):
        return {}
    value = request.COOKIES.get(settings.SEARCH_PREFERENCES_COOKIE_NAME)
    if not value:
        return {}
    max_age = timedelta(days=policy.SEARCH_PREFERENCES_MAX_AGE_DAYS)
    try:
        payload: Any = signing.loads(value, salt=SEARCH_SALT, max_age=max_age)
    except signing.BadSignature:
        return {}
    if not isinstance(payload, dict):
        return {}
    return {
        key: str(payload[key])[:limit]
        for key, limit in SEARCH_FIELDS.items()
        if isinstance(payload.get(key), str) and payload[key]
    }


def remember_search(
    request: HttpRequest, response: HttpResponseBase, *, city: str = "", category: str = ""
) -> None:
    """Called by the search view: keep the city and kind of salon for the next visit, only
    with personalisation granted; without it, any earlier preference cookie is removed."""
    if not consent_allows(request, "personalisation"):
        search_preferences_forget(request, response)
        return
    remembered = remembered_search(request)
    changes = {"where": (city or "").strip(), "category": (category or "").strip()}
    remembered.update({key: value[: SEARCH_FIELDS[key]] for key, value in changes.items() if value})
    if not remembered:
        return
    response.set_cookie(
        settings.SEARCH_PREFERENCES_COOKIE_NAME,
        signing.dumps(remembered, salt=SEARCH_SALT, compress=True),
        max_age=int(timedelta(days=policy.SEARCH_PREFERENCES_MAX_AGE_DAYS).total_seconds()),
        path="/",
        secure=settings.CONSENT_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def search_preferences_forget(request: HttpRequest, response: HttpResponseBase) -> None:
    if settings.SEARCH_PREFERENCES_COOKIE_NAME in request.COOKIES:
        response.delete_cookie(settings.SEARCH_PREFERENCES_COOKIE_NAME, path="/", samesite="Lax")


def vendor_cookies_expire(request: HttpRequest, response: HttpResponseBase) -> None:
    """After marketing is refused: expire the cookies the vendors' tags left on our site.

    Best effort: the tags write them from JavaScript, and one they put on a parent domain
    cannot be expired from here. Without the tags loaded nothing reads them any more, and the
    browser sends them to us only, where they are ignored."""
    prefixes = tuple(
        name.strip().rstrip("*")
        for vendor in policy.VENDORS
        for names, _purpose, _duration in vendor.cookies
        for name in names.split(",")
    )
    for name in request.COOKIES:
        if name.startswith(prefixes):
            response.delete_cookie(name, path="/")
