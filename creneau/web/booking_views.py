"""The customer's booking flow: choose, review, confirm; then "My bookings".

Views parse and call the bookings domain (availability, services, selectors); every rule
lives there.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from creneau.accounts.requests import AuthedHttpRequest
from creneau.bookings.availability import SalonOffer, availability_for, salon_offer
from creneau.bookings.calendar_links import booking_ics_of_customer
from creneau.bookings.models import Booking
from creneau.bookings.offerable import day_emptiness, start_check
from creneau.bookings.selectors import (
    booking_of_customer,
    customer_booking_matching,
    customer_bookings_split,
)
from creneau.bookings.services import (
    appointment_span,
    booking_cancel,
    booking_create,
    booking_reschedule,
)
from creneau.catalog.models import Business, Service, StaffMember
from creneau.dates import date_param, is_plausible
from creneau.errors import DomainError
from creneau.web.booking_forms import ReviewForm, SlotQueryForm
from creneau.web.errors import error_message
from creneau.web.page_cache import public_page


def _business(city: str, slug: str) -> Business:
    return get_object_or_404(Business, city_slug=city, slug=slug, is_active=True)


def _query(services: list[Service], staff: StaffMember | None, **extra: object) -> str:
    params: list[tuple[str, object]] = [("service", s.pk) for s in services]
    if staff is not None:
        params.append(("staff", staff.pk))
    params.extend((k, v) for k, v in extra.items() if v not in (None, ""))
    return urlencode(params)


STRIP_DAYS = 7


def _empty_day_reason(code: str, staff: StaffMember | None) -> str:
    """The page's words for `offerable.day_emptiness`: what is true of the day, never "closed
    or full" when the salon is open and only the chosen person is off."""
    name = staff.display_name if staff is not None else ""
    reasons = {
        "past": _("This day is in the past."),
        "too_far": _("This salon does not take bookings that far ahead."),
        "nobody_performs": _("No one here performs these services."),
        "closed": _("The salon is closed on this day."),
        "not_working": _("%(name)s does not work on this day.") % {"name": name},
        "away": _("%(name)s is away on this day.") % {"name": name}
        if staff is not None
        else _("The team is away on this day."),
        "too_late": _("No more free times today: the remaining ones are too soon to book."),
        "full": _("This day is fully booked."),
    }
    return reasons[code]


def _time_groups(slots: list[tuple[datetime, str]]) -> list[tuple[str, list[tuple[datetime, str]]]]:
    """The day's times under morning (before 12:00), afternoon (before 18:00) and evening."""
    groups: list[tuple[str, list[tuple[datetime, str]]]] = [
        (_("Morning"), []),
        (_("Afternoon"), []),
        (_("Evening"), []),
    ]
    for start, label in slots:
        hour = int(label[:2])
        groups[0 if hour < 12 else 1 if hour < 18 else 2][1].append((start, label))
    return [(title, times) for title, times in groups if times]


def _day_slots(
    request: HttpRequest,
    business: Business,
    offer: SalonOffer,
    services: list[Service],
    staff: StaffMember | None,
    day: date,
    now: datetime,
    exclude_booking_id: int | None = None,
) -> dict[str, object]:
    """The chosen day's free times, grouped, with a strip of the week around it (how many times
    each day offers) and, for an empty day, why and the next day that has some."""
    tz = ZoneInfo(business.timezone)
    today = now.astimezone(tz).date()
    horizon_end = (now + timedelta(days=business.horizon_days)).astimezone(tz).date()
    # Weeks counted from today, so the strip does not move while the customer walks along it.
    strip_start = today + timedelta(days=STRIP_DAYS * ((day - today).days // STRIP_DAYS))
    strip_start = max(strip_start, today) if day >= today else day
    strip_end = strip_start + timedelta(days=STRIP_DAYS - 1)
    found: dict[date, list[datetime]] = {}
    if strip_start <= horizon_end:
        availability = availability_for(
            business=business,
            services=services,
            start_date=strip_start,
            end_date=min(strip_end, horizon_end),
            now=now,
            staff=staff,
            offer=offer,
            exclude_booking_id=exclude_booking_id,
        )
        found = availability.by_local_date()
    # Only what the page shows is formatted: the local time of each start of this one day.
    slots = [(start, start.astimezone(tz).strftime("%H:%M")) for start in found.get(day, [])]
    strip = [
        {
            "day": strip_start + timedelta(days=offset),
            "count": len(found.get(strip_start + timedelta(days=offset), [])),
            "bookable": today <= strip_start + timedelta(days=offset) <= horizon_end,
        }
        for offset in range(STRIP_DAYS)
    ]
    context: dict[str, object] = {
        "day": day,
        "today": today,
        "slots": slots,
        "time_groups": _time_groups(slots),
        "strip": strip,
        "empty_reason": "",
        "next_available": None,
        "previous_day": day - timedelta(days=1) if day > today else None,
        "next_day": day + timedelta(days=1) if day < horizon_end else None,
        "previous_week": max(today, strip_start - timedelta(days=STRIP_DAYS))
        if strip_start > today
        else None,
        "next_week": strip_end + timedelta(days=1) if strip_end < horizon_end else None,
    }
    if slots:
        return context
    context["empty_reason"] = _empty_day_reason(
        day_emptiness(
            business=business, services=services, staff=staff, day=day, now=now, offer=offer
        ),
        staff,
    )
    later = sorted(d for d, starts in found.items() if d > day and starts)
    if later:
        context["next_available"] = later[0]
    elif max(day, strip_end) < horizon_end:
        rest = availability_for(
            business=business,
            services=services,
            start_date=max(day, strip_end, today - timedelta(days=1)) + timedelta(days=1),
            end_date=horizon_end,
            now=now,
            staff=staff,
            offer=offer,
            exclude_booking_id=exclude_booking_id,
        )
        starts = rest.starts()
        if starts:
            context["next_available"] = min(starts).astimezone(tz).date()
    return context


def _opening_day_slots(
    request: HttpRequest,
    business: Business,
    offer: SalonOffer,
    services: list[Service],
    staff: StaffMember | None,
    now: datetime,
) -> dict[str, object]:
    """The picker opened without a day: today, unless today has nothing left to offer, in which
    case the first day that does, so the customer sees times at once, not an empty page."""
    today = now.astimezone(ZoneInfo(business.timezone)).date()
    context = _day_slots(request, business, offer, services, staff, today, now)
    later = context["next_available"]
    if context["slots"] or not isinstance(later, date):
        return context
    context = _day_slots(request, business, offer, services, staff, later, now)
    context["moved_from_today"] = True
    return context


def _salon_of_page(request: HttpRequest, city: str, slug: str) -> Business:
    return _business(city, slug)


def _service_sections(offer: SalonOffer) -> list[tuple[str, list[Service]]]:
    """The bookable services under their categories, in the salon page's order."""
    sections: list[tuple[str, list[Service]]] = []
    for service in offer.services.values():
        title = service.category.name if service.category is not None else ""
        if not sections or sections[-1][0] != title:
            sections.append((title, []))
        sections[-1][1].append(service)
    return sections


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split()[:2]).upper()


@require_http_methods(["GET", "HEAD"])
@public_page(_salon_of_page)
def slots(request: HttpRequest, city: str, slug: str, business: Business) -> HttpResponse:
    """Choose services, a staff member or anyone, a day; see that day's free times. With
    `fragment=1` only the results part is rendered: the picker's script swaps it in place."""
    offer = salon_offer(business)
    now = timezone.now()
    form = SlotQueryForm(request.GET or None, offer=offer)
    context: dict[str, object] = {
        "business": business,
        "form": form,
        "offer": offer,
        "sections": _service_sections(offer),
    }
    if request.GET and form.is_valid() and form.cleaned_data["services"]:
        services = form.cleaned_data["services"]
        staff = form.cleaned_data["staff_member"]
        day = form.cleaned_data["date"]
        if day is None:
            context.update(_opening_day_slots(request, business, offer, services, staff, now))
        else:
            context.update(_day_slots(request, business, offer, services, staff, day, now))
        review_url = reverse("booking:review", args=[city, slug])
        base_query = _query(services, staff)
        context.update(
            {
                "services": services,
                "staff": staff,
                "base_query": base_query,
                "services_query": _query(services, None),
                "staff_choices": [
                    (member, _initials(member.display_name)) for member in offer.eligible(services)
                ],
                "total_minutes": sum(s.duration_minutes for s in services),
                "total_price": sum(s.price for s in services),
                "review_url": review_url,
                "time_href": f"{review_url}?{base_query}&start=",
            }
        )
    if request.GET.get("fragment") == "1":
        return render(request, "web/booking/_slot_results.html", context)
    return render(request, "web/booking/slots.html", context)


PENDING_KEY = "pending_booking"


def _pending_keep(
    request: HttpRequest, business: Business, services: list[Service], start: datetime
) -> None:
    """Keep the visitor's choice in the session while they sign in or create their account:
    the account pages summarise it and offer both ways back to the review step."""
    request.session[PENDING_KEY] = {
        "url": request.get_full_path(),
        "salon": business.name,
        "services": [service.name for service in services],
        "start": start.isoformat(),
        "timezone": business.timezone,
    }


def _own_same_booking(
    request: HttpRequest,
    business: Business,
    services: list[Service],
    start: datetime,
    staff: StaffMember | None,
) -> Booking | None:
    if not request.user.is_authenticated:
        return None
    return customer_booking_matching(
        customer=request.user,
        business=business,
        service_ids=[service.pk for service in services],
        start=start,
        staff_id=staff.pk if staff is not None else None,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def review(request: HttpRequest, city: str, slug: str) -> HttpResponse:
    """Check the choice at once (the same rules as the booking), let a visitor sign in or sign
    up (coming back here), and confirm."""
    business = _business(city, slug)
    offer = salon_offer(business)
    data = request.POST if request.method == "POST" else request.GET
    form = ReviewForm(data, offer=offer)
    if not form.is_valid():
        messages.error(request, _("This choice is not valid any more. Please choose again."))
        return redirect(reverse("booking:slots", args=[city, slug]))
    services = form.cleaned_data["services"]
    staff = form.cleaned_data["staff_member"]
    start = form.cleaned_data["start"]
    tz = ZoneInfo(business.timezone)
    now = timezone.now()
    slots_url = (
        reverse("booking:slots", args=[city, slug])
        + "?"
        + _query(services, staff, date=max(start, now).astimezone(tz).date().isoformat())
    )
    # A second Confirm of the booking just made (double click, back button, another tab)
    # finds its own booking in the way: it leads to that booking, not to "just taken".
    own = _own_same_booking(request, business, services, start, staff)
    if own is not None:
        messages.info(request, _("You have booked this time. Here is your booking."))
        return redirect("booking:detail", reference=own.reference)
    try:
        start_check(
            business=business, services=services, start=start, staff=staff, now=now, offer=offer
        )
    except DomainError as error:
        error_message(request, error)
        return redirect(slots_url)
    if not request.user.is_authenticated:
        _pending_keep(request, business, services, start)
        login = reverse("account_login")
        return HttpResponseRedirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
    if request.method == "POST":
        try:
            booking = booking_create(
                customer=request.user,
                business=business,
                services=services,
                start=start,
                staff=staff,
                source=Booking.Source.SITE,
                idempotency_key=form.cleaned_data["key"] or None,
                note=request.POST.get("note", ""),
            )
        except DomainError as error:
            error_message(request, error)
            return redirect(slots_url)
        request.session.pop(PENDING_KEY, None)
        messages.success(request, _("Your booking is confirmed."))
        return redirect("booking:detail", reference=booking.reference)

    end, _blocked_until = appointment_span(services, start)
    deadline = start - timedelta(hours=business.cancellation_deadline_hours)
    return render(
        request,
        "web/booking/review.html",
        {
            "business": business,
            "services": services,
            "staff": staff,
            "start": start.astimezone(tz),
            "end": end.astimezone(tz),
            "total_minutes": sum(s.duration_minutes for s in services),
            "total_price": sum(s.price for s in services),
            "deadline": deadline.astimezone(tz),
            "deadline_passed": deadline <= now,
            "form": form,
            "key": secrets.token_urlsafe(16),
            "slots_url": slots_url,
        },
    )


@login_required
def my_bookings(request: AuthedHttpRequest) -> HttpResponse:
    upcoming, past = customer_bookings_split(customer=request.user, now=timezone.now())
    return render(request, "web/booking/list.html", {"upcoming": upcoming, "past": past})


def _own_booking(request: AuthedHttpRequest, reference: str) -> Booking:
    try:
        return booking_of_customer(customer=request.user, reference=reference)
    except Booking.DoesNotExist:
        raise Http404 from None


@login_required
def detail(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    booking = _own_booking(request, reference)
    tz = ZoneInfo(booking.business.timezone)
    now = timezone.now()
    return render(
        request,
        "web/booking/detail.html",
        {
            "booking": booking,
            "start": booking.start.astimezone(tz),
            "end": booking.end.astimezone(tz),
            "deadline": booking.change_deadline().astimezone(tz),
            "changeable": booking.is_changeable_by_customer(now),
            "upcoming": booking.is_active and booking.end >= now,
        },
    )


@login_required
def ics(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    try:
        calendar = booking_ics_of_customer(customer=request.user, reference=reference)
    except Booking.DoesNotExist:
        raise Http404 from None
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="creneau-{reference}.ics"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    booking = _own_booking(request, reference)
    if request.method == "POST":
        try:
            booking_cancel(booking=booking, actor=request.user)
        except DomainError as error:
            error_message(request, error)
        else:
            messages.success(request, _("Your booking is cancelled."))
        return redirect("booking:detail", reference=reference)
    tz = ZoneInfo(booking.business.timezone)
    return render(
        request,
        "web/booking/cancel.html",
        {"booking": booking, "start": booking.start.astimezone(tz)},
    )


def _new_start(value: str) -> datetime | None:
    try:
        start = datetime.fromisoformat(value)
    except ValueError:
        return None
    if start.tzinfo is None or not is_plausible(start):
        return None
    return start


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reschedule(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    """Choose a new time (links, no change yet), review old -> new, confirm: the booking is
    moved by the Confirm only, and kept as it is until then."""
    booking = _own_booking(request, reference)
    business = booking.business
    tz = ZoneInfo(business.timezone)
    now = timezone.now()
    offer = salon_offer(business)
    services = [line.service for line in booking.lines.all() if line.service is not None]
    chosen = request.POST.get("start", "") if request.method == "POST" else request.GET.get("start")
    if chosen is not None:
        start = _new_start(chosen)
        if start is None:
            messages.error(request, _("Choose a time from the list."))
            return redirect("booking:reschedule", reference=reference)
        day_url = (
            reverse("booking:reschedule", args=[reference])
            + "?"
            + urlencode({"date": max(start, now).astimezone(tz).date().isoformat()})
        )
        try:
            if services:
                start_check(
                    business=business,
                    services=services,
                    start=start,
                    staff=None,
                    now=now,
                    offer=offer,
                    exclude_booking_id=booking.pk,
                )
            if request.method == "POST":
                booking_reschedule(booking=booking, actor=request.user, start=start)
        except DomainError as error:
            error_message(request, error)
            return redirect(day_url)
        if request.method == "POST":
            messages.success(request, _("Your booking has been moved."))
            return redirect("booking:detail", reference=reference)
        return render(
            request,
            "web/booking/reschedule_review.html",
            {
                "booking": booking,
                "business": business,
                "old_start": booking.start.astimezone(tz),
                "old_end": booking.end.astimezone(tz),
                "new_start": start.astimezone(tz),
                "new_end": (start + (booking.end - booking.start)).astimezone(tz),
                "deadline": (
                    start - timedelta(hours=business.cancellation_deadline_hours)
                ).astimezone(tz),
                "deadline_passed": start - timedelta(hours=business.cancellation_deadline_hours)
                <= now,
                "changeable": booking.is_changeable_by_customer(now),
                "day_url": day_url,
            },
        )

    day = date_param(request.GET.get("date"), booking.start.astimezone(tz).date())
    context: dict[str, object] = {
        "booking": booking,
        "business": business,
        "start": booking.start.astimezone(tz),
        "changeable": booking.is_changeable_by_customer(now),
    }
    if services and context["changeable"]:
        context.update(_day_slots(request, business, offer, services, None, day, now, booking.pk))
        context["time_href"] = "?start="
    return render(request, "web/booking/reschedule.html", context)
