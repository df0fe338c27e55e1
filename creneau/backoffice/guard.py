"""The door of every salon page: who is let in, and how refusals look.

- Not logged in: to the login page, and back here after.
- Not an active member of this salon (a customer, another salon's staff), or no such salon:
  404, the same answer, so a salon's back office is not confirmed to outsiders.
- A member whose role falls short of the page (staff on the settings): 403.
- The salon requires two-factor authentication and the member has not turned it on: to the
  salon's security page, which says why and links to the set-up.
- Inside the page, the domain functions check again; their NotFound becomes 404 and their
  NotAllowed 403, so an object of another salon reached by changing an id is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from creneau.accounts.requests import AuthedHttpRequest
from creneau.catalog.models import Business, StaffMember
from creneau.catalog.permissions import Membership, NotAllowed, NotFound
from creneau.catalog.team import user_has_mfa

View = Callable[..., HttpResponse]


class SalonRequest(AuthedHttpRequest):
    """What a view behind `salon_view` receives (an annotation only, as its base)."""

    salon: Business
    membership: Membership


def forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    return render(
        request,
        "backoffice/403.html",
        {"message": message or _("Your role at this salon does not give access to this page.")},
        status=403,
    )


def salon_view(
    *, manager: bool = False, owner: bool = False, mfa_exempt: bool = False
) -> Callable[[View], View]:
    """Decorate a view taking (request, salon=<slug>, ...): sets `request.salon` (Business) and
    `request.membership`, after the checks above."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(
            request: AuthedHttpRequest, salon: str, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            # One query: the member's row with its salon and the salon's security rule.
            member = (
                StaffMember.objects.select_related("business", "business__security")
                .filter(business__slug=salon, user=request.user, is_active=True)
                .first()
                if request.user.is_active
                else None
            )
            if member is None:
                raise Http404
            business = member.business
            membership = Membership(
                request.user.pk, business.pk, member.pk, member.role, member.display_name
            )
            if (owner and not membership.is_owner) or (manager and not membership.is_manager):
                return forbidden(request)
            security = getattr(business, "security", None)
            if (
                not mfa_exempt
                and security is not None
                and security.require_mfa
                and not user_has_mfa(user=request.user)
            ):
                messages.error(
                    request,
                    _("%(salon)s requires two-factor authentication: turn it on to go on.")
                    % {"salon": business.name},
                )
                return redirect("backoffice:security", salon=business.slug)
            request.salon = business  # type: ignore[attr-defined]  # a SalonRequest from here on
            request.membership = membership  # type: ignore[attr-defined]  # a SalonRequest from here on
            try:
                return view(request, *args, **kwargs)
            except NotFound:
                raise Http404 from None
            except NotAllowed as error:
                return forbidden(request, str(error.message))

        return wrapped

    return decorate
