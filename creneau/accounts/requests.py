"""The request a view receives once someone is logged in, as the type checker sees it."""

from __future__ import annotations

from django.http import HttpRequest

from creneau.accounts.models import User


class AuthedHttpRequest(HttpRequest):
    """What a view behind `login_required` receives: `user` is a `User`, never anonymous.

    An annotation only: Django still builds a plain `HttpRequest`, whose `user` the
    authentication middleware sets.
    """

    user: User
