"""Who is calling: an app with an allauth session token, or a browser with its session cookie.

Apps log in through allauth's headless API (`/_allauth/app/v1/auth/...`), which hands back a
session token; they send it in the `X-Session-Token` header. The same token works here: it
names a Django session, and the user logged into that session is the caller.

A browser already logged into the site may call the API with its session cookie; any change
then needs the CSRF token (`X-CSRFToken`), exactly as a form of the site would. The CSRF check
is made only when the session cookie is there, so an app sending no cookie is never refused
for a missing CSRF token.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from allauth.headless.internal.sessionkit import authenticate_by_x_session_token
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone, translation
from ninja.security import APIKeyCookie, APIKeyHeader

from creneau.accounts.middleware import activity_touch
from creneau.accounts.models import User


def _caller(request: HttpRequest, user: object) -> User | None:
    if not isinstance(user, User) or not user.is_active:
        return None
    request.user = user
    # The site's LastActivityMiddleware ran before we knew who an app's caller is: an account
    # used only from the app must not look inactive to the retention job. Same resolution.
    activity_touch(user=user, now=timezone.now())
    # Messages (problem details, labels) in the customer's language.
    if user.language in {code for code, _name in settings.LANGUAGES}:
        translation.activate(user.language)
        request.LANGUAGE_CODE = user.language
    return user


class SessionTokenAuth(APIKeyHeader):
    """`X-Session-Token: <token from /_allauth/app/v1/auth/login>`."""

    param_name = "X-Session-Token"

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        if not key:
            return None
        found = authenticate_by_x_session_token(key)
        if not found:
            return None
        user, session = found
        request._api_token_session = session  # type: ignore[attr-defined]  # read by caller_session
        return _caller(request, user)


class SessionCookieAuth(APIKeyCookie):
    """The site's session cookie, with Django's CSRF check on unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        if not key:
            return None
        return _caller(request, request.user)


session_token = SessionTokenAuth()
session_cookie = SessionCookieAuth()
# Every endpoint about "my" data takes either.
customer_auth = [session_token, session_cookie]


class CustomerRequest(HttpRequest):
    """What an endpoint behind `customer_auth` receives: `auth` (and `user`) is the caller.

    An annotation only: ninja sets `auth` on the plain request once a method accepts it.
    """

    auth: User
    user: User


@contextmanager
def caller_session(request: HttpRequest) -> Iterator[None]:
    """Make `request.session` the caller's Django session for allauth's checks (recent
    re-authentication): the token's session for an app, the cookie's for a browser. Put back
    afterwards, so the app's session never leaves as a cookie."""
    session = getattr(request, "_api_token_session", None)
    if session is None:
        yield
        return
    previous = request.session
    request.session = session
    try:
        yield
    finally:
        request.session = previous
