"""Reads of bookings that several interfaces share."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from creneau.accounts.models import User
from creneau.bookings.models import ACTIVE_STATUSES, Booking
from creneau.catalog.models import Business, StaffMember


def bookings_of_customer(*, customer: User) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(customer=customer)
        .select_related("business", "staff")
        .prefetch_related("lines")
    )


def customer_bookings_split(
    *, customer: User, now: datetime
) -> tuple[list[Booking], list[Booking]]:
    """(upcoming, past): upcoming soonest first, past most recent first."""
    bookings = list(bookings_of_customer(customer=customer))
    upcoming = [b for b in bookings if b.end >= now and b.status == Booking.Status.CONFIRMED]
    past = [b for b in reversed(bookings) if b not in upcoming]
    return upcoming, past


def booking_of_customer(*, customer: User, reference: str) -> Booking:
    """The customer's booking with this reference; Booking.DoesNotExist for anyone else's."""
    return bookings_of_customer(customer=customer).get(reference=reference)


def bookings_covered_by_time_off(*, staff: StaffMember, start: datetime, end: datetime) -> int:
    """How many active bookings of `staff` a time off from `start` to `end` covers."""
    return Booking.objects.filter(
        staff=staff, status__in=ACTIVE_STATUSES, start__lt=end, blocked_until__gt=start
    ).count()


def bookings_covered_by_closure(*, business: Business, start_date: date, end_date: date) -> int:
    """How many active bookings of the salon fall on the local days of a closure (both
    included)."""
    tz = ZoneInfo(business.timezone)
    return Booking.objects.filter(
        business=business,
        status__in=ACTIVE_STATUSES,
        start__lt=datetime.combine(end_date + timedelta(days=1), time.min, tzinfo=tz),
        end__gt=datetime.combine(start_date, time.min, tzinfo=tz),
    ).count()


def customer_booking_matching(
    *,
    customer: User,
    business: Business,
    service_ids: Sequence[int],
    start: datetime,
    staff_id: int | None,
) -> Booking | None:
    """The customer's active booking at `business` for exactly these services at `start` (with
    `staff_id`, or with anyone when None): what a second Confirm of a booking just made (back
    button, a second tab) finds, so that it leads to the booking rather than to "just taken"."""
    candidates = Booking.objects.filter(
        customer=customer, business=business, start=start, status__in=ACTIVE_STATUSES
    ).prefetch_related("lines")
    if staff_id is not None:
        candidates = candidates.filter(staff_id=staff_id)
    for booking in candidates:
        lines = sorted(booking.lines.all(), key=lambda line: line.position)
        if [line.service_id for line in lines] == list(service_ids):
            return booking
    return None
