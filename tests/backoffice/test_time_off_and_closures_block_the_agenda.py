"""Blocked time: a staff member's time off (managers for anyone, staff for themselves) and the
salon's closures (managers); both take the time out of what customers can book."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from creneau.bookings.availability import availability_for
from creneau.catalog.models import Closure, TimeOff
from tests.backoffice.conftest import NOW
from tests.conftest import paris

pytestmark = pytest.mark.django_db
THURSDAY = date(2026, 12, 10)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def free_starts(salon, staff_index):
    return availability_for(
        business=salon,
        services=[salon.test_services["cut"]],
        start_date=THURSDAY,
        end_date=THURSDAY,
        now=NOW,
        staff=salon.test_staff[staff_index],
    ).starts()


def test_a_manager_gives_a_colleague_an_afternoon_off_and_it_cannot_be_booked(
    salon, manager, login
):
    response = login(manager).post(
        "/pro/salon-test/time-off/",
        {
            "staff": salon.test_staff[0].pk,
            "start": "2026-12-10T13:00",
            "end": "2026-12-10T18:00",
            "reason": "Training",
        },
    )
    assert response.status_code == 302
    entry = TimeOff.objects.get()
    assert (entry.start, entry.end) == (paris(2026, 12, 10, 13), paris(2026, 12, 10, 18))
    assert all(start < paris(2026, 12, 10, 13) for start in free_starts(salon, 0))


def test_a_staff_member_blocks_their_own_time_but_not_a_colleagues(salon, staff_user, login):
    client = login(staff_user)
    own = {"staff": salon.test_staff[2].pk, "start": "2026-12-10T09:00", "end": "2026-12-10T10:00"}
    colleague = {**own, "staff": salon.test_staff[0].pk}
    client.post("/pro/salon-test/time-off/", colleague)
    assert not TimeOff.objects.exists()
    client.post("/pro/salon-test/time-off/", own)
    assert TimeOff.objects.get().staff == salon.test_staff[2]


def test_time_off_over_a_booking_keeps_the_booking_and_says_so(
    salon, manager, customer, book, login
):
    booking = book(customer, staff_index=0)
    response = login(manager).post(
        "/pro/salon-test/time-off/",
        {"staff": salon.test_staff[0].pk, "start": "2026-12-10T09:00", "end": "2026-12-10T12:00"},
        follow=True,
    )
    assert "1 booking falls in this period" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_time_off_is_removed(salon, manager, login):
    entry = TimeOff.objects.create(
        staff=salon.test_staff[0], start=paris(2026, 12, 10, 9), end=paris(2026, 12, 10, 12)
    )
    login(manager).post(f"/pro/salon-test/time-off/{entry.pk}/delete/")
    assert not TimeOff.objects.exists()


def test_a_staff_member_cannot_remove_a_colleagues_time_off(salon, staff_user, login):
    entry = TimeOff.objects.create(
        staff=salon.test_staff[0], start=paris(2026, 12, 10, 9), end=paris(2026, 12, 10, 12)
    )
    assert login(staff_user).post(f"/pro/salon-test/time-off/{entry.pk}/delete/").status_code == 404
    assert TimeOff.objects.exists()


def test_a_closure_closes_the_salon_for_everyone(salon, owner, login):
    login(owner).post(
        "/pro/salon-test/closures/",
        {"start_date": "2026-12-10", "end_date": "2026-12-11", "label": "Inventory"},
    )
    closure = Closure.objects.get()
    assert (closure.start_date, closure.end_date, closure.label) == (
        THURSDAY,
        date(2026, 12, 11),
        "Inventory",
    )
    assert free_starts(salon, 0) == [] and free_starts(salon, 2) == []
    login(owner).post(f"/pro/salon-test/closures/{closure.pk}/delete/")
    assert free_starts(salon, 0)
