"""Booking, moving and cancelling through the API go through the same domain functions as the
site, and so write the same history: by the customer, at the time of the change."""

from __future__ import annotations

import pytest

from creneau.bookings.models import ActorKind, Booking, BookingEvent
from creneau.bookings.services import booking_create
from tests.api.conftest import NOW, TUESDAY_10
from tests.conftest import paris

pytestmark = pytest.mark.django_db


def test_an_app_booking_moved_then_cancelled_has_three_lines_by_the_customer(
    as_customer, customer, salon, frozen
):
    created = as_customer.post_json(
        "/api/v1/bookings",
        {
            "salon": salon.slug,
            "services": [salon.test_services["cut"].pk],
            "staff": salon.test_staff[0].pk,
            "start": TUESDAY_10.isoformat(),
        },
        headers={"Idempotency-Key": "history-1"},
    )
    assert created.status_code == 201, created.content
    reference = created.json()["reference"]
    moved = as_customer.post_json(
        f"/api/v1/bookings/{reference}/reschedule",
        {"start": paris(2026, 12, 8, 15).isoformat(), "staff": None},
    )
    assert moved.status_code == 200, moved.content
    assert as_customer.post_json(f"/api/v1/bookings/{reference}/cancel").status_code == 200
    booking = Booking.objects.get(reference=reference)
    rows = list(
        BookingEvent.objects.filter(booking=booking)
        .order_by("pk")
        .values_list("code", "actor_kind", "actor_id", "at")
    )
    assert rows == [
        ("booking.created", ActorKind.CUSTOMER, customer.pk, NOW),
        ("booking.moved", ActorKind.CUSTOMER, customer.pk, NOW),
        ("booking.cancelled", ActorKind.CUSTOMER, customer.pk, NOW),
    ]


def test_the_app_reads_the_history_of_my_booking_and_not_anothers(
    as_customer, as_other_customer, customer, salon, frozen
):
    booking = booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=TUESDAY_10,
        staff=salon.test_staff[0],
    )
    response = as_customer.get(f"/api/v1/bookings/{booking.reference}/history")
    assert response.status_code == 200, response.content
    (line,) = response.json()
    # In the account's language, whichever it is.
    assert line["code"] == "booking.created"
    assert line["who"] in {"you", "vous"}
    assert line["what"] in {"Booked", "Réservé"}
    other = as_other_customer.get(f"/api/v1/bookings/{booking.reference}/history")
    assert other.status_code == 404
