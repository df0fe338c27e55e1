"""POST /bookings/{reference}/cancel and /reschedule: the bookings services' rules."""

from __future__ import annotations

from datetime import timedelta

import pytest

from creneau.bookings.models import Booking
from creneau.bookings.services import booking_create
from tests.api.conftest import TUESDAY_10, assert_problem
from tests.conftest import paris

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(customer, salon, frozen):
    return booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=TUESDAY_10,
        staff=salon.test_staff[0],
    )


def cancel(client, booking):
    return client.post_json(f"/api/v1/bookings/{booking.reference}/cancel")


def move(client, booking, start, staff=None):
    return client.post_json(
        f"/api/v1/bookings/{booking.reference}/reschedule",
        {"start": start.isoformat(), "staff": staff.pk if staff else None},
    )


def test_a_booking_is_cancelled_before_the_deadline(as_customer, booking):
    response = cancel(as_customer, booking)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled_customer"
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED_BY_CUSTOMER


def test_after_the_deadline_cancelling_is_refused(as_customer, booking, frozen):
    frozen.move_to(paris(2026, 12, 7, 10, 1))  # 23 h 59 before: the deadline was 10:00
    assert_problem(cancel(as_customer, booking), 409, "deadline-passed")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_a_cancelled_booking_cannot_be_cancelled_again(as_customer, booking):
    assert cancel(as_customer, booking).status_code == 200
    assert_problem(cancel(as_customer, booking), 422, "invalid-booking")


def test_a_booking_is_moved_to_another_free_time(as_customer, booking, salon):
    bruno = salon.test_staff[1]
    response = move(as_customer, booking, paris(2026, 12, 8, 15), bruno)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["reference"] == booking.reference
    assert body["start"] == "2026-12-08T15:00:00+01:00"
    assert body["staff"]["id"] == bruno.pk


def test_moving_to_a_taken_time_leaves_the_booking_where_it_was(
    as_customer, booking, other_customer, salon
):
    alice = salon.test_staff[0]
    taken = paris(2026, 12, 8, 15)
    booking_create(
        customer=other_customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=taken,
        staff=alice,
    )
    assert_problem(move(as_customer, booking, taken, alice), 409, "slot-taken")
    booking.refresh_from_db()
    assert booking.start == TUESDAY_10


def test_after_the_deadline_moving_is_refused(as_customer, booking, frozen):
    frozen.move_to(paris(2026, 12, 7, 10, 1))
    assert_problem(
        move(as_customer, booking, TUESDAY_10 + timedelta(hours=5)), 409, "deadline-passed"
    )


def test_moving_to_a_time_the_salon_does_not_offer_is_unprocessable(as_customer, booking):
    assert_problem(move(as_customer, booking, paris(2027, 6, 1, 10)), 422, "slot-unavailable")


def test_moving_to_someone_of_another_salon_is_a_problem_on_the_staff_field(as_customer, booking):
    response = as_customer.post_json(
        f"/api/v1/bookings/{booking.reference}/reschedule",
        {"start": paris(2026, 12, 8, 15).isoformat(), "staff": 999_999},
    )
    assert assert_problem(response, 422, "validation-error")["errors"][0]["field"] == "body.staff"


def test_nobody_changes_a_booking_without_a_session(anonymous, booking):
    assert_problem(cancel(anonymous, booking), 401, "not-authenticated")
    assert_problem(move(anonymous, booking, paris(2026, 12, 8, 15)), 401, "not-authenticated")
