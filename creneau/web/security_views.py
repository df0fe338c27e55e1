"""How to report a vulnerability: /.well-known/security.txt (RFC 9116) and the disclosure policy.

The contact is `SECURITY_CONTACT` (the operator's e-mail address unless set). security.txt is
written at each request, so its Expires field is always EXPIRES_AFTER ahead: the file is only
as old as the settings it is made from, and a copy kept elsewhere goes stale within that time.
"""

from __future__ import annotations

from datetime import UTC, timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# RFC 9116 recommends less than a year.
EXPIRES_AFTER = timedelta(days=180)


def security_contact_uri(contact: str) -> str:
    """`SECURITY_CONTACT` as a URI: an e-mail address becomes a mailto: link."""
    if contact.startswith(("https://", "mailto:", "tel:")):
        return contact
    return f"mailto:{contact}"


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def security_txt(request: HttpRequest) -> HttpResponse:
    expires = (timezone.now() + EXPIRES_AFTER).astimezone(UTC).replace(microsecond=0)
    lines = [
        f"Contact: {security_contact_uri(settings.SECURITY_CONTACT)}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: fr, en",
        f"Canonical: {settings.SITE_URL}{reverse('web:security_txt')}",
        f"Policy: {settings.SITE_URL}{reverse('web:security_policy')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def security_policy(request: HttpRequest) -> HttpResponse:
    contact = settings.SECURITY_CONTACT
    return render(
        request,
        "web/security_policy.html",
        {"contact": contact, "contact_uri": security_contact_uri(contact)},
    )
