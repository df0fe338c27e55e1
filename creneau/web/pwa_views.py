"""The installable app: its manifest, its service worker and the page shown offline.

The service worker (`web/pwa/sw.js`, rendered here so it knows the static files' and the
account pages' addresses) keeps the site's shell and, for the signed-in customer only, the
"My bookings" pages they visited, so they stay readable without a network. It never keeps
another page of an account, the back office, the API or the admin, and forgets the kept
bookings whenever the person signed in changes (see `offline_owner`).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

THEME_COLOUR = "#4f1f94"
BACKGROUND_COLOUR = "#f7f7f9"
SHELL_FILES = (
    "css/site.css",
    "js/pwa.js",
    "icons/icon-192.png",
    "icons/icon-48.png",
)


def offline_owner(user: object) -> str:
    """Who the kept pages belong to, as the service worker sees it: a keyed hash of the
    account (nothing a reader could turn back into a person), or "" for a visitor. When a page
    shows another value than the kept pages were stored under, the worker forgets them."""
    if not getattr(user, "is_authenticated", False):
        return ""
    return salted_hmac("creneau.web.pwa.offline_owner", str(user.pk)).hexdigest()[:32]  # type: ignore[attr-defined]


@cache
def _shell_version() -> str:
    """Changes whenever a file of the shell or the worker itself changes, so that browsers
    install the new worker and drop the old shell."""
    digest = hashlib.sha256(render_to_string("web/pwa/sw.js", {}).encode())
    for name in SHELL_FILES:
        path = finders.find(name)
        if path:
            with open(str(path), "rb") as file:
                digest.update(file.read())
    return digest.hexdigest()[:12]


@require_safe
@cache_control(public=True, max_age=3600)
def manifest(request: HttpRequest) -> JsonResponse:
    icons = [
        {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (48, 192, 512)
    ] + [
        {
            "src": static(f"icons/maskable-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "maskable",
        }
        for size in (192, 512)
    ]
    data = {
        "id": "/",
        "name": "Créneau",
        "short_name": "Créneau",
        "description": _(
            "Book your hairdresser, barber, beauty salon, nail bar or spa online, in a few clicks."
        ),
        "lang": get_language() or settings.LANGUAGE_CODE,
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "categories": ["lifestyle", "beauty"],
        "icons": icons,
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Vary"] = "Cookie, Accept-Language"
    return response


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    shell = [reverse("pwa:offline"), *(static(name) for name in SHELL_FILES)]
    body = render_to_string(
        "web/pwa/sw.js",
        {
            "version": json.dumps(_shell_version()),
            "shell": json.dumps(shell),
            "offline_url": json.dumps(reverse("pwa:offline")),
            "static_url": json.dumps(settings.STATIC_URL),
            "bookings_path": json.dumps(reverse("booking:list")),
            "owner_changes": json.dumps(
                [reverse("account_login"), reverse("account_logout"), reverse("account_signup")]
            ),
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # Served from the root, so it may control every page; said explicitly all the same.
    response["Service-Worker-Allowed"] = "/"
    # Browsers must ask again each time, or a fixed worker would wait for the cache to expire.
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
@cache_control(public=True, max_age=3600)
def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "web/pwa/offline.html", {"theme_colour": THEME_COLOUR})
