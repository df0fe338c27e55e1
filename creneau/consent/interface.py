"""What the consent interface (banner and settings page) shows, as data, and its digest.

The templates render the banner from `consent_interface(language).content` and nothing else,
so the SHA-256 of that content identifies exactly what the visitor was shown: the texts in their
language, the categories offered (those with something behind them) with what each turns on, their
cookies and providers, the configured vendors and the policy
version. The digest is stored with every ledger row, and the content once per digest
(`ConsentBanner`). Changing any text, cookie or vendor gives a new digest.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from creneau.consent import policy

TEXTS = {
    "title": _("Cookies on Créneau"),
    "intro": _(
        "We use the cookies needed to run the site. The others wait for your yes; refusing "
        "changes nothing to what you can do here, booking included."
    ),
    "accept_all": _("Accept all"),
    "refuse_all": _("Refuse all"),
    "customise": _("Customise"),
    "customise_legend": _("Choose category by category"),
    "save": _("Save my choices"),
    "always_on": _("Always on"),
    "cookies_heading": _("Cookies and providers"),
    "no_cookie": _("No cookie: pages are counted on our server, without identifying you."),
    "no_vendor": _("No partner is active at the moment: nothing is loaded."),
    "provider": _("Provided by"),
    "policy_link": _("Read the cookie policy"),
    "change_later": _(
        "You can change your mind at any time from the “Cookie settings” link at the bottom of "
        "every page."
    ),
}


@dataclass(frozen=True)
class ConsentInterface:
    digest: str
    language: str
    content: dict[str, Any]


def content_digest(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _content() -> dict[str, Any]:
    categories = []
    for category in policy.offered_categories():
        categories.append(
            {
                "key": category.key,
                "name": str(category.name),
                "purpose": str(category.purpose),
                "required": category.required,
                "behind": list(policy.category_behind(category.key)),
                "providers": list(policy.category_providers(category.key)),
                "cookies": [
                    {
                        "name": cookie.name,
                        "provider": cookie.provider,
                        "purpose": str(cookie.purpose),
                        "duration": str(cookie.duration),
                    }
                    for cookie in policy.category_cookies(category.key)
                ],
            }
        )
    vendors = [
        {
            "key": vendor.key,
            "name": vendor.name,
            "product": vendor.product,
            "category": vendor.category,
            "id": getattr(settings, vendor.setting),
        }
        for vendor in policy.active_vendors()
    ]
    return {
        "policy_version": policy.policy_version(),
        "texts": {key: str(text) for key, text in TEXTS.items()},
        "categories": categories,
        "vendors": vendors,
        "audience_measurement": settings.AUDIENCE_MEASUREMENT_ENABLED,
    }


def consent_interface(language: str | None = None) -> ConsentInterface:
    """The interface as shown in `language` (the active language by default)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        content = {"language": language, **_content()}
    return ConsentInterface(digest=content_digest(content), language=language, content=content)
