"""POST /me/delete: erasure through the privacy core, after allauth's re-authentication."""

from __future__ import annotations

from datetime import timedelta

import pytest

from creneau.accounts.models import User
from creneau.bookings.models import Booking
from creneau.bookings.services import booking_create
from creneau.catalog.models import StaffMember
from creneau.privacy.models import ErasureReceipt
from tests.api.conftest import TUESDAY_10, assert_problem
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

REAUTH = "/_allauth/app/v1/auth/reauthenticate"


def reauthenticate(client):
    response = client.post_json(REAUTH, {"password": PASSWORD})
    assert response.status_code == 200, response.content


def test_without_a_fresh_password_nothing_is_deleted(as_customer, customer):
    response = as_customer.post_json("/api/v1/me/delete", {"confirmation": "DELETE"})
    assert_problem(response, 403, "reauthentication-required")
    assert User.objects.filter(pk=customer.pk).exists()


def test_without_the_typed_word_nothing_is_deleted(as_customer, customer):
    reauthenticate(as_customer)
    response = as_customer.post_json("/api/v1/me/delete", {"confirmation": "yes"})
    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["field"] == "body.confirmation"
    assert User.objects.filter(pk=customer.pk).exists()


def test_the_account_is_erased_and_its_token_stops_working(as_customer, customer, salon, frozen):
    booking = booking_create(
        customer=customer, business=salon, services=[salon.test_services["cut"]], start=TUESDAY_10
    )
    reauthenticate(as_customer)

    response = as_customer.post_json("/api/v1/me/delete", {"confirmation": "DELETE"})

    assert response.status_code == 200, response.content
    receipt = response.json()["receipt"]
    assert ErasureReceipt.objects.filter(reference=receipt).exists()
    assert not User.objects.filter(pk=customer.pk).exists()
    booking.refresh_from_db()
    assert booking.customer_id is None
    assert booking.status == Booking.Status.CANCELLED_BY_CUSTOMER
    assert_problem(as_customer.get("/api/v1/me"), 401, "not-authenticated")


def test_a_re_authentication_older_than_five_minutes_is_not_enough(as_customer, customer, frozen):
    reauthenticate(as_customer)
    frozen.shift(timedelta(minutes=6))
    response = as_customer.post_json("/api/v1/me/delete", {"confirmation": "DELETE"})
    assert_problem(response, 403, "reauthentication-required")
    assert User.objects.filter(pk=customer.pk).exists()


def test_a_salon_team_member_is_told_what_to_do_first(as_customer, customer, salon):
    StaffMember.objects.filter(pk=salon.test_staff[0].pk).update(user=customer)
    reauthenticate(as_customer)
    response = as_customer.post_json("/api/v1/me/delete", {"confirmation": "DELETE"})
    assert_problem(response, 409, "erasure-refused")
    assert User.objects.filter(pk=customer.pk).exists()


def test_my_deletion_never_touches_another_account(as_customer, other_customer):
    reauthenticate(as_customer)
    assert as_customer.post_json("/api/v1/me/delete", {"confirmation": "DELETE"}).status_code == 200
    assert User.objects.filter(pk=other_customer.pk).exists()


def test_without_a_session_nothing_is_deleted(anonymous, customer):
    response = anonymous.post_json("/api/v1/me/delete", {"confirmation": "DELETE"})
    assert_problem(response, 401, "not-authenticated")
    assert User.objects.filter(pk=customer.pk).exists()
