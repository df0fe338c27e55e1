"""The same idempotency key with the same request returns the booking; with a different request
(salon, start, services or staff member) it is refused, on every interface."""

from __future__ import annotations

from datetime import UTC

import pytest
from django.urls import reverse

from creneau.bookings.errors import IdempotencyKeyReused
from creneau.bookings.models import Booking
from creneau.bookings.services import booking_create
from tests.api.conftest import ApiClient, session_token
from tests.conftest import paris
from tests.hardening.conftest import NOW

pytestmark = pytest.mark.django_db

TUESDAY_10 = paris(2026, 12, 8, 10)


def _book(customer, salon, *, key="k1", start=TUESDAY_10, staff=0, service="cut"):
    return booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services[service]],
        start=start,
        staff=salon.test_staff[staff] if staff is not None else None,
        idempotency_key=key,
        now=NOW,
    )


def test_the_same_request_returns_the_same_booking(customer, salon):
    assert _book(customer, salon) == _book(customer, salon)
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"staff": 1},
        {"start": paris(2026, 12, 8, 11)},
        {"service": "colour"},
    ],
)
def test_another_request_with_the_same_key_is_refused(customer, salon, change):
    _book(customer, salon)
    with pytest.raises(IdempotencyKeyReused):
        _book(customer, salon, **change)
    assert Booking.objects.count() == 1


def test_anyone_matches_whoever_was_given_the_booking(customer, salon):
    first = _book(customer, salon, staff=None)
    assert _book(customer, salon, staff=None) == first


def test_the_api_refuses_the_same_key_with_another_staff_member(customer, salon, frozen):
    client = ApiClient(session_token(customer.email))
    body = {
        "salon": salon.slug,
        "services": [salon.test_services["cut"].pk],
        "staff": salon.test_staff[0].pk,
        "start": TUESDAY_10.isoformat(),
    }
    headers = {"Idempotency-Key": "same-key"}
    assert client.post_json("/api/v1/bookings", body, headers=headers).status_code == 201
    body["staff"] = salon.test_staff[1].pk
    second = client.post_json("/api/v1/bookings", body, headers=headers)
    assert second.status_code == 422
    assert second.json()["code"] == "idempotency_key_reused"
    assert Booking.objects.count() == 1


def test_the_site_refuses_the_review_form_posted_again_with_another_time(
    client, customer, salon, frozen
):
    client.force_login(customer)
    client.cookies["lang"] = "en"
    url = reverse("booking:review", args=["paris", "salon-test"])
    cut = salon.test_services["cut"]
    first = {"service": cut.pk, "start": TUESDAY_10.astimezone(UTC).isoformat(), "key": "k"}
    confirmed = client.post(url, first, follow=True)
    assert "Your booking is confirmed" in confirmed.content.decode()
    second = {**first, "start": paris(2026, 12, 8, 11).astimezone(UTC).isoformat()}
    response = client.post(url, second, follow=True)
    html = response.content.decode()
    assert "Your booking is confirmed" not in html
    assert "already used for another booking" in html
    assert Booking.objects.count() == 1
