from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from creneau.privacy.policy import COOKIE_CATEGORIES, POLICY_VERSION


def _context() -> dict[str, object]:
    return {
        "operator": settings.OPERATOR,
        "hosting_provider": settings.HOSTING_PROVIDER,
        "policy_version": POLICY_VERSION,
        "cookie_categories": COOKIE_CATEGORIES,
        "erasure_days": 30,
    }


@require_GET
def legal_notice(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/legal_notice.html", _context())


@require_GET
def privacy_policy(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/privacy_policy.html", _context())


@require_GET
def cookie_policy(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/cookie_policy.html", _context())
