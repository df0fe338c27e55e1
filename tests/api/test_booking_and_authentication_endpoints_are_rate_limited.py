"""Rate limits: booking changes per customer (ours, 429 problem with Retry-After) and the
authentication endpoints (allauth's own limits, as configured in settings)."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.core.cache import cache

from creneau.bookings.models import Booking
from tests.api.conftest import LOGIN_URL, TUESDAY_10, ApiClient, assert_problem
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def book(client, salon, key, hour=10):
    return client.post_json(
        "/api/v1/bookings",
        {
            "salon": salon.slug,
            "services": [salon.test_services["cut"].pk],
            "staff": None,
            "start": TUESDAY_10.replace(hour=hour).isoformat(),
        },
        headers={"Idempotency-Key": key},
    )


def test_booking_changes_past_the_limit_get_429_with_retry_after(
    as_customer, salon, settings, frozen
):
    settings.API_RATE_LIMITS = {"booking_write": "2/m"}
    assert book(as_customer, salon, "a", 10).status_code == 201
    assert book(as_customer, salon, "b", 11).status_code == 201

    refused = book(as_customer, salon, "c", 14)

    assert_problem(refused, 429, "rate-limited")
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert Booking.objects.count() == 2
    # Cancelling counts too: it is a booking change.
    reference = Booking.objects.first().reference
    assert_problem(
        as_customer.post_json(f"/api/v1/bookings/{reference}/cancel"), 429, "rate-limited"
    )


def test_the_limit_is_per_customer_and_ends_with_its_window(
    as_customer, as_other_customer, salon, settings, frozen
):
    settings.API_RATE_LIMITS = {"booking_write": "1/m"}
    assert book(as_customer, salon, "a", 10).status_code == 201
    assert book(as_customer, salon, "b", 11).status_code == 429
    assert book(as_other_customer, salon, "a", 11).status_code == 201

    frozen.shift(timedelta(seconds=61))

    assert book(as_customer, salon, "b", 14).status_code == 201


def test_reading_is_not_limited_by_the_booking_limit(as_customer, salon, settings, frozen):
    settings.API_RATE_LIMITS = {"booking_write": "1/m"}
    for _ in range(5):
        assert as_customer.get("/api/v1/bookings").status_code == 200


def test_repeated_failed_logins_are_refused_with_429_and_retry_after(customer, settings):
    settings.ACCOUNT_RATE_LIMITS = importlib.import_module("creneau.settings").ACCOUNT_RATE_LIMITS
    client = ApiClient()
    wrong = {"email": customer.email, "password": "not-the-password"}
    answers = [client.post_json(LOGIN_URL, wrong) for _ in range(6)]
    codes = [answer.json()["errors"][0]["code"] for answer in answers[:5]]
    assert codes == ["email_password_mismatch"] * 5
    # Past the limit: 429 with Retry-After (creneau.accounts.ratelimit), not allauth's 400.
    assert answers[5].status_code == 429
    assert int(answers[5]["Retry-After"]) > 0
    # Even the right password waits now, from this client: this client and address are limited.
    right = client.post_json(LOGIN_URL, {"email": customer.email, "password": PASSWORD})
    assert right.status_code == 429


def test_password_reset_requests_for_one_address_are_limited_by_allauth(customer, settings):
    settings.ACCOUNT_RATE_LIMITS = importlib.import_module("creneau.settings").ACCOUNT_RATE_LIMITS
    client = ApiClient()
    statuses = [
        client.post_json(
            "/_allauth/app/v1/auth/password/request", {"email": customer.email}
        ).status_code
        for _ in range(6)
    ]
    assert statuses == [200] * 5 + [429]


def test_sign_ups_from_one_address_are_limited_by_allauth(settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "2/m/ip"}
    client = ApiClient()
    statuses = [
        client.post_json(
            "/_allauth/app/v1/auth/signup",
            {
                "email": f"new{i}@example.org",
                "password": "correct-horse-battery-staple-42",
                "last_name": "Benali",
                "first_name": "Nora",
                "phone": f"+3378123456{i}",
            },
        ).status_code
        for i in range(3)
    ]
    assert statuses == [401, 401, 429]
