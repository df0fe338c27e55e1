"""/pro/: the salons the user works at, and the invitation links."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from creneau.accounts.requests import AuthedHttpRequest
from creneau.backoffice.guard import forbidden
from creneau.backoffice.views.common import error_message
from creneau.catalog.permissions import NotFound, salons_of
from creneau.catalog.team import staff_invitation_accept, staff_invitation_for
from creneau.errors import DomainError


@login_required
def home(request: AuthedHttpRequest) -> HttpResponse:
    """One salon: straight to its agenda. Several: a choice. None: this area is not for you."""
    salons = salons_of(user=request.user)
    if len(salons) == 1:
        return redirect("backoffice:agenda", salon=salons[0][0].slug)
    if not salons:
        return forbidden(
            request,
            _("This area is for salon teams. Ask your salon for an invitation to join it."),
        )
    return render(request, "backoffice/home.html", {"salons": salons})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request: AuthedHttpRequest, token: str) -> HttpResponse:
    now = timezone.now()
    try:
        pending = staff_invitation_for(token=token, now=now)
    except NotFound:
        raise Http404 from None
    if request.method == "POST":
        try:
            member = staff_invitation_accept(token=token, user=request.user, now=now)
        except DomainError as error:
            error_message(request, error)
        else:
            messages.success(
                request, _("Welcome to the team of %(salon)s.") % {"salon": member.business.name}
            )
            return redirect("backoffice:agenda", salon=member.business.slug)
    return render(request, "backoffice/invitation.html", {"invitation": pending})
