"""POST /api/v1/bookings: booking through the same service as the site, once per key."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.utils import translation

from creneau.bookings.errors import SlotTaken
from creneau.bookings.models import Booking
from creneau.bookings.services import booking_create
from tests.api.conftest import TUESDAY_10, assert_problem
from tests.conftest import paris

pytestmark = pytest.mark.django_db

URL = "/api/v1/bookings"


def request_body(salon, *services, staff=None, start=TUESDAY_10):
    return {
        "salon": salon.slug,
        "services": [s.pk for s in services] or [salon.test_services["cut"].pk],
        "staff": staff.pk if staff else None,
        "start": start.isoformat(),
    }


def book(client, body, key="key-1"):
    return client.post_json(URL, body, headers={"Idempotency-Key": key})


def test_a_verified_customer_books_a_free_time(as_customer, customer, salon, frozen):
    alice = salon.test_staff[0]
    response = book(as_customer, request_body(salon, staff=alice))

    assert response.status_code == 201, response.content
    body = response.json()
    booking = Booking.objects.get()
    assert booking.customer == customer
    assert booking.source == Booking.Source.APP
    assert response["Location"] == f"/api/v1/bookings/{booking.reference}"
    assert body["reference"] == booking.reference
    assert body["status"] == "confirmed"
    assert body["source"] == "app"
    assert body["start"] == "2026-12-08T10:00:00+01:00"
    assert body["end"] == "2026-12-08T10:30:00+01:00"
    assert body["staff"] == {"id": alice.pk, "display_name": "Alice"}
    assert body["total_price"] == {"amount": "35.00", "currency": "EUR"}
    assert body["services"] == [
        {
            "service_id": salon.test_services["cut"].pk,
            "name": "Coupe",
            "duration_minutes": 30,
            "price": {"amount": "35.00", "currency": "EUR"},
        }
    ]
    assert body["change_deadline"] == "2026-12-07T10:00:00+01:00"
    assert body["changeable"] is True


def test_anyone_means_a_free_staff_member_is_given_the_booking(as_customer, salon, frozen):
    cut, colour = salon.test_services["cut"], salon.test_services["colour"]
    response = book(as_customer, request_body(salon, colour, cut))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["staff"]["id"] in {member.pk for member in salon.test_staff}
    assert [s["name"] for s in body["services"]] == ["Couleur", "Coupe"]
    assert body["total_price"]["amount"] == "95.00"


def test_the_same_key_sent_again_returns_the_same_booking(as_customer, salon, frozen):
    answers = [book(as_customer, request_body(salon), key="same-key") for _ in range(5)]
    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["reference"] for a in answers}) == 1
    assert Booking.objects.count() == 1


def test_a_key_used_for_another_booking_is_refused(as_customer, salon, frozen):
    assert book(as_customer, request_body(salon), key="k").status_code == 201
    other_time = request_body(salon, start=paris(2026, 12, 8, 15))
    assert_problem(book(as_customer, other_time, key="k"), 422, "idempotency-key-reused")
    assert Booking.objects.count() == 1


def test_a_taken_time_is_a_conflict_and_books_nothing(
    as_customer, customer, other_customer, salon, frozen
):
    alice = salon.test_staff[0]
    cut = salon.test_services["cut"]
    booking_create(
        customer=other_customer, business=salon, services=[cut], start=TUESDAY_10, staff=alice
    )
    body = assert_problem(book(as_customer, request_body(salon, staff=alice)), 409, "slot-taken")
    with translation.override(customer.language):  # the customer's language, French here
        assert body["detail"] == str(SlotTaken.default_message)
    assert Booking.objects.count() == 1


def test_a_time_the_salon_does_not_offer_is_unprocessable(as_customer, salon, frozen):
    too_soon = request_body(salon, start=paris(2026, 12, 7, 8, 30))  # 60 minutes of notice
    too_far = request_body(salon, start=paris(2027, 3, 1, 10))  # 60 days ahead at most
    assert_problem(book(as_customer, too_soon, "a"), 422, "slot-unavailable")
    assert_problem(book(as_customer, too_far, "b"), 422, "slot-unavailable")
    sunday = request_body(salon, start=paris(2026, 12, 13, 10))
    assert_problem(book(as_customer, sunday, "c"), 409, "slot-taken")
    assert Booking.objects.count() == 0


def test_a_start_without_its_offset_is_a_validation_problem(as_customer, salon, frozen):
    body = request_body(salon)
    body["start"] = "2026-12-08T10:00:00"
    problem = assert_problem(book(as_customer, body), 422, "validation-error")
    assert problem["errors"][0]["field"] == "body.start"


def test_the_idempotency_key_is_required(as_customer, salon, frozen):
    response = as_customer.post_json(URL, request_body(salon))
    problem = assert_problem(response, 422, "validation-error")
    assert problem["errors"][0]["field"] == "header.Idempotency-Key"


@pytest.mark.parametrize(
    ("field", "value"),
    [("salon", "no-such-salon"), ("services", [999_999]), ("staff", 999_999)],
)
def test_an_unknown_salon_service_or_staff_is_a_problem_on_that_field(
    as_customer, salon, frozen, field, value
):
    body = request_body(salon)
    body[field] = value
    problem = assert_problem(book(as_customer, body), 422, "validation-error")
    assert problem["errors"][0]["field"] == f"body.{field}"


def test_a_customer_whose_address_is_not_confirmed_cannot_book(
    as_customer, customer, salon, frozen
):
    EmailAddress.objects.filter(user=customer).update(verified=False)
    assert_problem(book(as_customer, request_body(salon)), 403, "not-verified")
    assert Booking.objects.count() == 0


def test_without_a_session_token_nobody_books(anonymous, salon, frozen):
    assert_problem(book(anonymous, request_body(salon)), 401, "not-authenticated")
    bad_token = anonymous.post_json(
        URL, request_body(salon), headers={"Idempotency-Key": "k", "X-Session-Token": "nope"}
    )
    assert_problem(bad_token, 401, "not-authenticated")
    assert Booking.objects.count() == 0


def test_a_note_for_the_salon_is_kept_and_given_back(as_customer, salon, frozen):
    body = {**request_body(salon), "note": "  Allergic to ammonia, please.  "}
    response = book(as_customer, body)

    assert response.status_code == 201, response.content
    assert response.json()["note"] == "Allergic to ammonia, please."
    assert Booking.objects.get().customer_note == "Allergic to ammonia, please."
    detail = as_customer.get(response["Location"])
    assert detail.json()["note"] == "Allergic to ammonia, please."


def test_a_note_too_long_is_refused_and_books_nothing(as_customer, salon, frozen):
    response = book(as_customer, {**request_body(salon), "note": "x" * 501})

    assert_problem(response, 422, "validation-error")
    assert not Booking.objects.exists()
