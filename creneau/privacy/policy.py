"""Facts the legal pages and, later, the cookie banner share: one source for both."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Bump when the privacy or cookie policy changes in substance: consent is asked again.
POLICY_VERSION = "2026-11-26"


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
            "Measure our advertising campaigns and show content suited to you, through partners "
            "such as Google or Meta (Facebook)."
        ),
        False,
    ),
)
