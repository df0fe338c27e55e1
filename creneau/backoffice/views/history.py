"""A booking's history in the back office: the note a team member adds to it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creneau.backoffice.guard import SalonRequest, salon_view
from creneau.backoffice.views.common import error_message
from creneau.bookings.history import booking_note_add
from creneau.bookings.salon import booking_for_member
from creneau.errors import DomainError


@require_POST
@salon_view()
def note_add(request: SalonRequest, reference: str) -> HttpResponse:
    booking = booking_for_member(actor=request.user, business=request.salon, reference=reference)
    try:
        booking_note_add(
            booking=booking,
            actor=request.user,
            text=request.POST.get("note", ""),
            now=timezone.now(),
        )
    except DomainError as error:
        error_message(request, error)
    else:
        messages.success(request, _("The note is added to the booking's history."))
    return redirect("backoffice:booking", salon=request.salon.slug, reference=reference)
