"""The salon's waitlist: who waits for what, in the order offers go out, and what is held."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from creneau.backoffice.guard import SalonRequest, salon_view
from creneau.waitlist.selectors import salon_waitlist


@require_http_methods(["GET", "HEAD"])
@salon_view(manager=True)
def waitlist(request: SalonRequest) -> HttpResponse:
    return render(
        request,
        "backoffice/waitlist.html",
        {
            "entries": salon_waitlist(actor=request.user, business=request.salon),
            "section": "waitlist",
        },
    )
