"""Consent on the server side: account choices at login, audience counting, tag CSP."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from creneau.consent import policy
from creneau.consent.cookies import (
    Consent,
    consent_allows,
    consent_cookie_set,
    consent_use,
    current_consent,
)
from creneau.consent.selectors import account_consent_for_login
from creneau.consent.services import page_view_record

SYNCED_SESSION_KEY = "privacy_consent_synced"
BANNER_SHOWN = "_privacy_banner_shown"
TAGS_RENDERED = "_privacy_tags_rendered"


class ConsentMiddleware:
    """Placed after AuthenticationMiddleware and after django-csp's CSPMiddleware (so that it
    sees the response first and can extend its policy).

    - First request after login: the account's choice, if more recent, replaces this
      device's (one query per login, not per request).
    - 200 HTML GET with analytics granted: one page view counted for the path and day.
    - Marketing tags rendered: their hosts added to this response's CSP, and only then.
    - Banner shown: the page must not be reused from the browser cache once a choice is made.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        carried = self._account_choice(request)
        response = self.get_response(request)
        if carried is not None and settings.CONSENT_COOKIE_NAME not in response.cookies:
            consent_cookie_set(response, carried)
        if self._is_html_page(request, response):
            self._count_page_view(request)
            self._extend_csp(request, response)
        if getattr(request, BANNER_SHOWN, False):
            add_never_cache_headers(response)
        return response

    def _account_choice(self, request: HttpRequest) -> Consent | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.session.get(SYNCED_SESSION_KEY) == user.pk:
            return None
        request.session[SYNCED_SESSION_KEY] = user.pk
        account = account_consent_for_login(
            user=user, device=current_consent(request), now=timezone.now()
        )
        if account is not None:
            consent_use(request, account)
        return account

    @staticmethod
    def _is_html_page(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        )

    @staticmethod
    def _count_page_view(request: HttpRequest) -> None:
        if not settings.AUDIENCE_MEASUREMENT_ENABLED:
            return
        if request.path.startswith(tuple(settings.AUDIENCE_EXCLUDED_PATH_PREFIXES)):
            return
        if consent_allows(request, "analytics"):
            page_view_record(path=request.path, day=timezone.localdate())

    @staticmethod
    def _extend_csp(request: HttpRequest, response: HttpResponse) -> None:
        rendered = getattr(request, TAGS_RENDERED, ())
        if not rendered:
            return
        update: dict[str, list[str]] = {
            directive: list(sources)
            for directive, sources in (getattr(response, "_csp_update", None) or {}).items()
        }
        for vendor in policy.VENDORS:
            if vendor.key in rendered:
                for directive, sources in vendor.csp.items():
                    update.setdefault(directive, []).extend(sources)
        response._csp_update = update  # type: ignore[attr-defined]  # django-csp reads this attribute
