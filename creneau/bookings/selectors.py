"""Reads of bookings that several interfaces share."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from creneau.accounts.models import User
from creneau.bookings.models import Booking


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
