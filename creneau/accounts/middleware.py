from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from creneau.logging import personal_values

if TYPE_CHECKING:
    from creneau.accounts.models import User

# Writing last_activity on every request would turn reads into writes; once an hour is enough
# for the retention rule (accounts inactive for two years), which counts in months.
ACTIVITY_RESOLUTION = timedelta(hours=1)


def activity_touch(*, user: User, now: datetime) -> None:
    """Record that `user` is active, at most once per ACTIVITY_RESOLUTION (site and app)."""
    if user.last_activity is None or now - user.last_activity > ACTIVITY_RESOLUTION:
        get_user_model().objects.filter(pk=user.pk).update(last_activity=now)
        user.last_activity = now


class LastActivityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        token = None
        if user is not None and user.is_authenticated:
            token = personal_values.set(
                tuple(
                    v for v in (user.email, user.first_name, user.last_name, str(user.phone)) if v
                )
            )
            activity_touch(user=user, now=timezone.now())
        try:
            return self.get_response(request)
        finally:
            if token is not None:
                personal_values.reset(token)


class RetryAfterMiddleware:
    """Every 429 says when to come back: allauth's own limits (sign-up, password reset, the
    login view) answer without `Retry-After`; ours and the API's set it precisely."""

    DEFAULT_SECONDS = "60"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 429 and not response.has_header("Retry-After"):
            response["Retry-After"] = self.DEFAULT_SECONDS
        return response
