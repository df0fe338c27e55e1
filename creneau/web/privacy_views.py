"""The public privacy pages (legal notice, privacy and cookie policies) and the cookie choices
(settings page and the banner's form). Views parse, call one service, render."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from creneau.consent import policy
from creneau.consent.cookies import (
    consent_cookie_set,
    consent_from_record,
    consent_use,
    current_consent,
    device_consent,
    search_preferences_forget,
    vendor_cookies_expire,
)
from creneau.consent.forms import ConsentForm
from creneau.consent.interface import consent_interface
from creneau.consent.models import PolicyVersion
from creneau.consent.policy import COOKIE_CATEGORIES
from creneau.consent.selectors import (
    consents_of_user,
)
from creneau.consent.services import consent_record, policy_version_publish

TRAFFIC_DAYS = 30


def _version_date(version: str) -> date | None:
    """The day a policy version starts with ("2026-11-26-<hash>"), to be written in words."""
    try:
        return date.fromisoformat(version[:10])
    except ValueError:
        return None


def _context() -> dict[str, object]:
    return {
        "operator": settings.OPERATOR,
        "hosting_provider": settings.HOSTING_PROVIDER,
        "policy_version": policy.policy_version(),
        "policy_date": _version_date(policy.policy_version()),
        "cookie_categories": COOKIE_CATEGORIES,
        "erasure_days": 30,
        "backup_days": settings.BACKUP_RETENTION_DAYS,
    }


@require_GET
def terms(request: HttpRequest) -> HttpResponse:
    """The terms of use, in the page's language (the texts are ours, the operator's identity
    comes from settings)."""
    return render(request, "privacy/terms.html", _context())


@require_GET
def legal_notice(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/legal_notice.html", _context())


def _language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


@require_GET
def privacy_policy(request: HttpRequest) -> HttpResponse:
    published = policy_version_publish(now=timezone.now())
    context = _context()
    context["published_at"] = published.published_at
    context["sections"] = published.sections.get(_language(), {})
    return render(request, "privacy/privacy_policy.html", context)


@require_GET
def policy_versions(request: HttpRequest) -> HttpResponse:
    policy_version_publish(now=timezone.now())
    return render(
        request,
        "privacy/policy_versions.html",
        {"versions": PolicyVersion.objects.all(), "current": policy.policy_version()},
    )


@require_GET
def policy_version(request: HttpRequest, version: str) -> HttpResponse:
    found = get_object_or_404(PolicyVersion, version=version)
    return render(
        request,
        "privacy/policy_version.html",
        {
            "version": found,
            "sections": found.sections.get(_language(), {}),
            "current": policy.policy_version(),
        },
    )


@require_GET
def cookie_policy(request: HttpRequest) -> HttpResponse:
    context = _context()
    context["interface"] = consent_interface().content
    return render(request, "privacy/cookie_policy.html", context)


# --- Cookie choices -------------------------------------------------------------------------------


@require_GET
@never_cache
def consent_settings(request: HttpRequest) -> HttpResponse:
    consent = current_consent(request)
    names = {category.key: category.name for category in COOKIE_CATEGORIES}
    records = consents_of_user(request.user)[:20] if request.user.is_authenticated else []
    history = [
        {"record": record, "granted": [names[key] for key in record.granted]} for record in records
    ]
    return render(
        request,
        "privacy/consent_settings.html",
        {
            "ui": consent_interface().content,
            "consent": consent,
            "granted": sorted(consent.granted) if consent else [],
            "history": history,
            "policy_version": policy.policy_version(),
            "policy_date": _version_date(policy.policy_version()),
        },
    )


def _safe_next(request: HttpRequest, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("web:home")


@require_POST
def consent_save(request: HttpRequest) -> HttpResponse:
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Your choice could not be read. Please choose again."))
        return HttpResponseRedirect(reverse("privacy:consent_settings"))
    previous = device_consent(request)
    granted = form.granted()
    record = consent_record(
        consent_id=previous.consent_id if previous else None,
        user=request.user if request.user.is_authenticated else None,
        granted=granted,
        source=form.chosen_source(),
        interface=consent_interface(),
        now=timezone.now(),
    )
    consent = consent_from_record(record)
    consent_use(request, consent)
    response = HttpResponseRedirect(_safe_next(request, form.cleaned_data["next"]))
    consent_cookie_set(response, consent)
    if "personalisation" not in granted:
        search_preferences_forget(request, response)
    if "marketing" not in granted:
        vendor_cookies_expire(request, response)
    messages.success(request, _("Your cookie choices have been saved."))
    return response
