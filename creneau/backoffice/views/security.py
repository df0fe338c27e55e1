"""Two-factor authentication: each member's own state, and the owner's rule for the salon."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from creneau.backoffice.forms import SecurityForm
from creneau.backoffice.guard import SalonRequest, forbidden, salon_view
from creneau.backoffice.views.common import error_message
from creneau.catalog.team import salon_mfa_require, salon_requires_mfa, user_has_mfa
from creneau.errors import DomainError


@require_http_methods(["GET", "HEAD", "POST"])
@salon_view(mfa_exempt=True)
def security(request: SalonRequest) -> HttpResponse:
    business, membership = request.salon, request.membership
    required = salon_requires_mfa(business=business)
    form = SecurityForm(
        request.POST if request.method == "POST" else None, initial={"require_mfa": required}
    )
    if request.method == "POST":
        if not membership.is_owner:
            return forbidden(request)
        if form.is_valid():
            try:
                salon_mfa_require(
                    actor=request.user,
                    business=business,
                    required=form.cleaned_data["require_mfa"],
                    now=timezone.now(),
                )
            except DomainError as error:
                error_message(request, error)
            else:
                messages.success(request, _("The security settings are saved."))
                return redirect("backoffice:security", salon=business.slug)
    return render(
        request,
        "backoffice/security.html",
        {
            "form": form,
            "required": required,
            "has_mfa": user_has_mfa(user=request.user),
            "section": "security",
        },
    )
