"""The day and week views read a fixed handful of queries, whatever the number of staff and
bookings (no query per column or per booking)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from creneau.bookings.models import Booking, BookingService
from creneau.catalog.models import StaffMember, TimeOff, WorkingHours
from tests.backoffice.conftest import NOW, THURSDAY

pytestmark = pytest.mark.django_db


def grow(salon, customer, *, staff: int, per_staff: int) -> None:
    """Add staff members with hours, time off and back-to-back bookings written directly."""
    cut = salon.test_services["cut"]
    for i in range(staff):
        member = StaffMember.objects.create(
            business=salon, display_name=f"Extra {i}", position=10 + i
        )
        WorkingHours.objects.create(staff=member, weekday=3, start=time(9), end=time(19))
        TimeOff.objects.create(
            staff=member, start=THURSDAY + timedelta(hours=8), end=THURSDAY + timedelta(hours=9)
        )
        for j in range(per_staff):
            start = THURSDAY + timedelta(minutes=40 * j)
            booking = Booking.objects.create(
                business=salon,
                customer=customer,
                staff=member,
                start=start,
                end=start + timedelta(minutes=30),
                blocked_until=start + timedelta(minutes=40),
                total_price=cut.price,
            )
            BookingService.objects.create(
                booking=booking,
                service=cut,
                position=0,
                name=cut.name,
                duration_minutes=30,
                price=cut.price,
            )


def count(client, url: str) -> int:
    client.get(url)  # the first request of a session also records the user's activity
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/pro/salon-test/?date=2026-12-10", "/pro/salon-test/week/?date=2026-12-10"]
)
def test_more_staff_and_bookings_cost_no_more_queries(url, salon, manager, customer, login):
    client = login(manager)
    with time_machine.travel(NOW, tick=False):
        grow(salon, customer, staff=1, per_staff=2)
        small = count(client, url)
        grow(salon, customer, staff=9, per_staff=12)
        large = count(client, url)
    assert Booking.objects.count() == 2 + 9 * 12
    assert large == small
    assert small <= 12
