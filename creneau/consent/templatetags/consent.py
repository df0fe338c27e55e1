"""Template side of the consent helper.

{% load consent %}
{% consent_allows "personalisation" as may_personalise %}{% if may_personalise %}...{% endif %}
{% consent_banner %}   the banner, when the visitor has no current choice
{% consent_tags %}     the operator's marketing tags, only when granted (with the CSP nonce)
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.template.loader import render_to_string

from creneau.consent import cookies as consent
from creneau.consent import policy
from creneau.consent.interface import ConsentInterface, consent_interface
from creneau.consent.middleware import BANNER_SHOWN, TAGS_RENDERED

register = template.Library()


@register.simple_tag(takes_context=True)
def consent_allows(context: template.Context, category: str) -> bool:
    request = context.get("request")
    if request is None:
        return category == "necessary"
    return consent.consent_allows(request, category)


@register.inclusion_tag("consent/_consent_banner.html", takes_context=True)
def consent_banner(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    if request is None or not consent.consent_needed(request):
        return {"show": False}
    setattr(request, BANNER_SHOWN, True)
    interface = consent_interface()
    return {
        "show": True,
        "ui": interface.content,
        "categories": _banner_categories(interface),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


# The banner's category list is the same for every visitor shown the same interface, and it is
# most of the banner's rendering time: it is rendered once per interface digest (the digest
# covers everything the list shows) and reused. Bounded: a few languages x configurations.
_CATEGORIES_HTML: dict[str, str] = {}


def _banner_categories(interface: ConsentInterface) -> str:
    html = _CATEGORIES_HTML.get(interface.digest)
    if html is None:
        html = render_to_string(
            "consent/_consent_categories.html",
            {"ui": interface.content, "prefix": "banner", "granted": ()},
        )
        if len(_CATEGORIES_HTML) >= 32:
            _CATEGORIES_HTML.clear()
        _CATEGORIES_HTML[interface.digest] = html
    return html


@register.inclusion_tag("consent/_marketing_tags.html", takes_context=True)
def consent_tags(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    vendors = [v for v in policy.active_vendors() if v.category == "marketing"]
    if request is None or not vendors or not consent.consent_allows(request, "marketing"):
        return {"vendors": {}}
    setattr(request, TAGS_RENDERED, tuple(v.key for v in vendors))
    return {
        "vendors": {v.key: getattr(settings, v.setting) for v in vendors},
        "nonce": request.csp_nonce,
    }
