"""The site's session cookie also authenticates, with Django's CSRF check for changes."""

from __future__ import annotations

import pytest
from django.test import Client

from creneau.bookings.services import booking_create
from tests.api.conftest import TUESDAY_10, assert_problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(customer, salon, frozen):
    return booking_create(
        customer=customer, business=salon, services=[salon.test_services["cut"]], start=TUESDAY_10
    )


@pytest.fixture
def browser(customer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(customer)
    return client


def test_a_logged_in_browser_reads_my_bookings(browser, booking):
    response = browser.get("/api/v1/bookings")
    assert response.status_code == 200
    assert response.json()["items"][0]["reference"] == booking.reference


def test_a_change_without_the_csrf_token_is_forbidden(browser, booking):
    response = browser.post(f"/api/v1/bookings/{booking.reference}/cancel")
    assert_problem(response, 403, "forbidden")
    booking.refresh_from_db()
    assert booking.is_active


def test_a_change_with_the_csrf_token_goes_through(browser, booking):
    browser.get("/")  # the site sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    response = browser.post(
        f"/api/v1/bookings/{booking.reference}/cancel", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200, response.content
