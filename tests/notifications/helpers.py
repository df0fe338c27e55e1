"""Bookings to notify about, at the test salon (see tests/conftest.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from creneau.bookings.models import Booking
from creneau.bookings.services import booking_create
from tests.conftest import paris

# A Monday morning; the salon works Monday to Saturday, 09:00-12:00 and 13:00-18:00.
NOW = paris(2026, 12, 7, 8).astimezone(UTC)


def working_days(first: date, count: int) -> list[date]:
    days: list[date] = []
    day = first
    while len(days) < count:
        if day.weekday() < 6:
            days.append(day)
        day += timedelta(days=1)
    return days


def book(salon, customer, start: datetime, *, staff: int = 0, now: datetime = NOW) -> Booking:
    return booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=start,
        staff=salon.test_staff[staff],
        now=now,
    )


def book_many(salon, customer, count: int, *, now: datetime = NOW) -> list[Booking]:
    """`count` bookings of one customer: 10:00 and 14:00 on the working days after `now`."""
    first = now.date() + timedelta(days=1)
    starts = [
        paris(day.year, day.month, day.day, hour)
        for day in working_days(first, (count + 1) // 2)
        for hour in (10, 14)
    ]
    return [book(salon, customer, start, now=now) for start in starts[:count]]
