"""A salon whose Thursday 10:00 with Alice is booked, and customers waiting for it.

Time is frozen at NOW (Monday 7 December 2026, 08:00 in Paris) for the whole test, so the
runs started by hooks and tasks (which take the time themselves) see the same "now".
"""

from __future__ import annotations

from datetime import UTC, time, timedelta

import pytest
import time_machine

from creneau.bookings.services import booking_create
from creneau.waitlist.services import waitlist_join
from tests.conftest import paris

NOW = paris(2026, 12, 7, 8).astimezone(UTC)
THURSDAY = paris(2026, 12, 10, 10)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def booked_slot(salon, make_user, frozen):
    """Thursday 10:00 with Alice, booked by Bea (a cut: busy 10:00-10:40)."""
    bea = make_user("bea.booker@example.org", first_name="Bea", phone="+33690000000")
    return booking_create(
        customer=bea,
        business=salon,
        services=[salon.test_services["cut"]],
        start=THURSDAY,
        staff=salon.test_staff[0],
        now=NOW,
    )


@pytest.fixture
def waiters(salon, make_user, frozen):
    """make(n): n customers who joined, one second apart, the waitlist for a cut with Alice
    on Thursday starting at 10:00 exactly."""

    def make(n, *, start_at=time(10, 0)):
        customers = []
        for i in range(n):
            customer = make_user(
                f"waiter{i}@example.org", first_name=f"Waiter{i}", phone=f"+3361{i:07d}"
            )
            waitlist_join(
                customer=customer,
                business=salon,
                services=[salon.test_services["cut"]],
                staff=salon.test_staff[0],
                first_day=THURSDAY.date(),
                last_day=THURSDAY.date(),
                weekdays="3",
                earliest=start_at,
                latest=start_at,
                now=NOW + timedelta(seconds=i),
            )
            customers.append(customer)
        return customers

    return make


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Domain messages in English, whatever language an earlier test left active; pages still
    speak the language their request asks for."""
    from django.utils import translation

    with translation.override("en"):
        yield
