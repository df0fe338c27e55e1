"""Ownership: another customer's booking is "not found" on every endpoint, and stays as it was."""

from __future__ import annotations

import pytest

from creneau.bookings.models import Booking
from creneau.bookings.services import booking_create
from tests.api.conftest import TUESDAY_10, assert_problem
from tests.conftest import paris

pytestmark = pytest.mark.django_db


@pytest.fixture
def their_booking(other_customer, salon, frozen):
    return booking_create(
        customer=other_customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=TUESDAY_10,
        staff=salon.test_staff[0],
    )


def test_their_booking_is_not_found_when_read(as_customer, their_booking):
    ref = their_booking.reference
    assert_problem(as_customer.get(f"/api/v1/bookings/{ref}"), 404, "not-found")
    assert_problem(as_customer.get(f"/api/v1/bookings/{ref}/calendar.ics"), 404, "not-found")


def test_their_booking_is_not_in_my_list(as_customer, their_booking):
    body = as_customer.get("/api/v1/bookings").json()
    assert body == {"items": [], "total": 0, "limit": 20, "offset": 0}


def test_their_booking_is_not_found_when_cancelled_or_moved_and_stays_as_it_was(
    as_customer, their_booking
):
    ref = their_booking.reference
    assert_problem(as_customer.post_json(f"/api/v1/bookings/{ref}/cancel"), 404, "not-found")
    moved = as_customer.post_json(
        f"/api/v1/bookings/{ref}/reschedule", {"start": paris(2026, 12, 8, 15).isoformat()}
    )
    assert_problem(moved, 404, "not-found")
    their_booking.refresh_from_db()
    assert their_booking.status == Booking.Status.CONFIRMED
    assert their_booking.start == TUESDAY_10


def test_the_answer_for_theirs_is_the_same_as_for_one_that_does_not_exist(
    as_customer, their_booking
):
    theirs = as_customer.get(f"/api/v1/bookings/{their_booking.reference}").json()
    nobodys = as_customer.get("/api/v1/bookings/ZZZZZZZZ").json()
    assert {k: v for k, v in theirs.items() if k != "instance"} == {
        k: v for k, v in nobodys.items() if k != "instance"
    }


def test_the_same_idempotency_key_of_another_customer_books_separately(
    as_customer, as_other_customer, salon, frozen
):
    body = {
        "salon": salon.slug,
        "services": [salon.test_services["cut"].pk],
        "staff": None,
        "start": TUESDAY_10.isoformat(),
    }
    mine = as_customer.post_json("/api/v1/bookings", body, headers={"Idempotency-Key": "k"})
    theirs = as_other_customer.post_json("/api/v1/bookings", body, headers={"Idempotency-Key": "k"})
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["reference"] != theirs.json()["reference"]
    assert Booking.objects.count() == 2
