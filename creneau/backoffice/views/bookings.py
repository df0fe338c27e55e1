"""Manual bookings (phone, walk-in), a booking's page, moving, cancelling, marking the outcome.

A booking or a move is chosen in two steps that work without JavaScript: who, what and which
day (a GET form), then one of the free times the domain offers for that choice (a POST).
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, tzinfo

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from creneau.backoffice.forms import NewContactForm, SlotChoiceForm, StartForm
from creneau.backoffice.guard import SalonRequest, salon_view
from creneau.backoffice.views.common import (
    day_param,
    error_message,
    int_param,
    local_today,
    salon_tz,
)
from creneau.bookings.agenda import agenda_staff
from creneau.bookings.history import booking_history, cancelled_by
from creneau.bookings.salon import (
    NewContact,
    booking_create_for_salon,
    booking_for_member,
    booking_mark_outcome,
    booking_move_starts,
    customer_for_member,
    salon_free_starts,
)
from creneau.bookings.services import booking_cancel, booking_reschedule
from creneau.errors import DomainError


def _agenda_url(business_slug: str, day: date) -> str:
    return reverse("backoffice:agenda", kwargs={"salon": business_slug}) + f"?date={day}"


def _times(starts: list[datetime], tz: tzinfo) -> list[tuple[str, str]]:
    """(value, label) of each offered start: ISO with offset, and local HH:MM."""
    return [(start.isoformat(), start.astimezone(tz).strftime("%H:%M")) for start in starts]


def _time_param(request: SalonRequest) -> str:
    """The `?time=HH:MM` a tap on the agenda carries, when well formed; else ""."""
    raw = request.GET.get("time") or request.POST.get("time") or ""
    try:
        return datetime.strptime(raw, "%H:%M").strftime("%H:%M")
    except ValueError:
        return ""


@require_http_methods(["GET", "HEAD", "POST"])
@salon_view()
def new(request: SalonRequest) -> HttpResponse:
    business, now = request.salon, timezone.now()
    tz = salon_tz(business)
    _membership, staff = agenda_staff(actor=request.user, business=business)
    customer_id, contact_id = int_param(request, "customer"), int_param(request, "contact")
    customer = contact = None
    if customer_id is not None or contact_id is not None:
        customer, contact = customer_for_member(
            actor=request.user, business=business, customer_id=customer_id, contact_id=contact_id
        )
    params = request.POST if request.method == "POST" else request.GET
    # Step one is bound once submitted (its marker, or services chosen): a link from the
    # agenda carrying only the staff member, day and time prefills it without any error.
    submitted = request.method == "POST" or "step" in params or "services" in params
    wanted_time = _time_param(request)
    choice = SlotChoiceForm(
        params if submitted else None,
        business=business,
        staff=staff,
        initial={
            "date": day_param(request, local_today(business, now)),
            "staff": int_param(request, "staff"),
        },
    )
    contact_form = NewContactForm(request.POST if request.method == "POST" else None)
    start_form = StartForm(request.POST if request.method == "POST" else None)
    starts: list[datetime] = []
    if choice.is_bound and choice.is_valid():
        try:
            starts = salon_free_starts(
                actor=request.user,
                business=business,
                services=list(choice.cleaned_data["services"]),
                day=choice.cleaned_data["date"],
                staff=choice.cleaned_data["staff"],
                now=now,
            )
        except DomainError as error:
            error_message(request, error)

    if request.method == "POST" and choice.is_valid() and start_form.is_valid():
        needs_contact = customer is None and contact is None
        if not needs_contact or contact_form.is_valid():
            new_contact = None
            if needs_contact:
                new_contact = NewContact(
                    name=contact_form.cleaned_data["name"],
                    phone=str(contact_form.cleaned_data["phone"]),
                    email=contact_form.cleaned_data["email"],
                )
            try:
                booking = booking_create_for_salon(
                    actor=request.user,
                    business=business,
                    services=list(choice.cleaned_data["services"]),
                    start=start_form.cleaned_data["start"],
                    staff=choice.cleaned_data["staff"],
                    customer=customer,
                    contact=contact,
                    new_contact=new_contact,
                    idempotency_key=start_form.cleaned_data["key"] or None,
                    now=now,
                )
            except DomainError as error:
                error_message(request, error)
            else:
                messages.success(
                    request,
                    _("Booked: %(name)s at %(time)s with %(staff)s.")
                    % {
                        "name": booking.person_name(),
                        "time": booking.start.astimezone(tz).strftime("%H:%M"),
                        "staff": booking.staff.display_name,
                    },
                )
                return redirect(_agenda_url(business.slug, booking.start.astimezone(tz).date()))
    times = _times(starts, tz)
    return render(
        request,
        "backoffice/booking_new.html",
        {
            "choice": choice,
            "contact_form": contact_form,
            "customer": customer,
            "contact": contact,
            "times": times,
            "chosen_start": request.POST.get("start", "")
            or next((value for value, label in times if label == wanted_time), ""),
            "wanted_time": wanted_time,
            "key": request.POST.get("key") or secrets.token_urlsafe(16),
            "section": "agenda",
        },
    )


@require_http_methods(["GET", "HEAD"])
@salon_view()
def detail(request: SalonRequest, reference: str) -> HttpResponse:
    booking = booking_for_member(actor=request.user, business=request.salon, reference=reference)
    tz = salon_tz(request.salon)
    now = timezone.now()
    return render(
        request,
        "backoffice/booking_detail.html",
        {
            "booking": booking,
            "start": booking.start.astimezone(tz),
            "end": booking.end.astimezone(tz),
            "started": now >= booking.start,
            "history": booking_history(booking=booking, for_customer=False),
            "cancelled_by": "" if booking.is_active else cancelled_by(booking),
            "section": "agenda",
        },
    )


def _wants_json(request: SalonRequest) -> bool:
    """A move sent by the agenda's script (a dragged booking) asks for JSON; the form, a page."""
    return "application/json" in request.headers.get("Accept", "")


@require_http_methods(["GET", "HEAD", "POST"])
@salon_view()
def move(request: SalonRequest, reference: str) -> HttpResponse:
    """Move a booking: a form in two steps without JavaScript (a day and staff member, then one
    of the free times), or one POST of `date`, `staff` and `start` from a booking dragged on
    the agenda. Both call `booking_reschedule`, which re-checks the time, and both show its
    refusal in the same words: as the form's error, or as JSON the script shows in place."""
    business, now = request.salon, timezone.now()
    booking = booking_for_member(actor=request.user, business=business, reference=reference)
    tz = salon_tz(business)
    _membership, staff = agenda_staff(actor=request.user, business=business)
    params = request.POST if request.method == "POST" else request.GET
    choice = SlotChoiceForm(
        params if params.get("date") else None,
        business=business,
        staff=staff,
        with_services=False,
        initial={"date": booking.start.astimezone(tz).date(), "staff": booking.staff_id},
    )
    wants_json = request.method == "POST" and _wants_json(request)
    move_error = ""
    if request.method == "POST" and choice.is_valid():
        start_form = StartForm(request.POST)
        if start_form.is_valid():
            try:
                moved = booking_reschedule(
                    booking=booking,
                    actor=request.user,
                    start=start_form.cleaned_data["start"],
                    staff=choice.cleaned_data["staff"],
                    now=now,
                )
            except DomainError as error:
                move_error = str(error.message)
                if wants_json:
                    return JsonResponse({"error": move_error}, status=error.status)
            else:
                messages.success(request, _("The booking is moved; the customer is told."))
                url = _agenda_url(business.slug, moved.start.astimezone(tz).date())
                if wants_json:
                    return JsonResponse({"moved": True, "url": url})
                return redirect(url)
    if wants_json:
        return JsonResponse({"error": _("This move is not valid.")}, status=400)
    starts: list[datetime] = []
    if choice.is_bound and choice.is_valid():
        starts = booking_move_starts(
            actor=request.user,
            booking=booking,
            day=choice.cleaned_data["date"],
            staff=choice.cleaned_data["staff"],
            now=now,
        )
    return render(
        request,
        "backoffice/booking_move.html",
        {
            "booking": booking,
            "start": booking.start.astimezone(tz),
            "choice": choice,
            "times": _times(starts, tz),
            "move_error": move_error,
            "section": "agenda",
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@salon_view()
def cancel(request: SalonRequest, reference: str) -> HttpResponse:
    business = request.salon
    booking = booking_for_member(actor=request.user, business=business, reference=reference)
    tz = salon_tz(business)
    if request.method == "POST":
        try:
            booking_cancel(booking=booking, actor=request.user, now=timezone.now())
        except DomainError as error:
            error_message(request, error)
            return redirect("backoffice:booking", salon=business.slug, reference=reference)
        messages.success(request, _("The booking is cancelled; the customer is told."))
        return redirect(_agenda_url(business.slug, booking.start.astimezone(tz).date()))
    return render(
        request,
        "backoffice/booking_cancel.html",
        {"booking": booking, "start": booking.start.astimezone(tz), "section": "agenda"},
    )


@require_POST
@salon_view()
def outcome(request: SalonRequest, reference: str) -> HttpResponse:
    booking = booking_for_member(actor=request.user, business=request.salon, reference=reference)
    try:
        booking_mark_outcome(
            booking=booking,
            actor=request.user,
            outcome=request.POST.get("outcome", ""),
            now=timezone.now(),
        )
    except DomainError as error:
        error_message(request, error)
    else:
        messages.success(request, _("The booking is marked."))
    return redirect("backoffice:booking", salon=request.salon.slug, reference=reference)
