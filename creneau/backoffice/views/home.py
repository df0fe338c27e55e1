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
from creneau.catalog.models import ReviewState
from creneau.catalog.onboarding import may_review
from creneau.catalog.permissions import NotFound, salons_of
from creneau.catalog.team import staff_invitation_accept, staff_invitation_for
from creneau.errors import DomainError


@login_required
def home(request: AuthedHttpRequest) -> HttpResponse:
    """One salon: straight to its agenda, or to its set-up checklist until it is approved.
    Several: a choice, with the set-ups left. None: the review queue for platform staff, else
    this area is not for you."""
    salons = salons_of(user=request.user)
    if len(salons) == 1:
        business, membership = salons[0]
        if business.review_state != ReviewState.APPROVED and membership.is_manager:
            return redirect("backoffice:setup", salon=business.slug)
        return redirect("backoffice:agenda", salon=business.slug)
    if not salons:
        if may_review(request.user):
            return redirect("backoffice:review_queue")
        return forbidden(
            request,
            _("This area is for salon teams. Ask your salon for an invitation to join it."),
        )
    return render(
        request,
        "backoffice/home.html",
        {"salons": salons, "approved": ReviewState.APPROVED, "reviewer": may_review(request.user)},
    )


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
