"""GET and PATCH /api/v1/me: names, mobile phone and language; the e-mail has its own flow.
A new mobile number is verified as on the site: it replaces the old one only once the code
sent to it by SMS comes back to POST /api/v1/me/phone/verify."""

from __future__ import annotations

import re

import pytest

from creneau.notifications.models import OutboundMessage
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db


def test_it_shows_my_profile(as_customer):
    response = as_customer.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json() == {
        "email": "camille.dupont@example.org",
        "email_verified": True,
        "first_name": "Camille",
        "last_name": "Dupont",
        "phone": "+33612345678",
        "phone_pending": "",
        "language": "fr",
    }


def test_only_the_fields_sent_are_changed(as_customer, customer):
    response = as_customer.patch_json(
        "/api/v1/me", {"last_name": "Dupont-Moreau", "language": "en"}
    )
    assert response.status_code == 200, response.content
    customer.refresh_from_db()
    assert (customer.first_name, customer.last_name, customer.language) == (
        "Camille",
        "Dupont-Moreau",
        "en",
    )
    assert response.json()["last_name"] == "Dupont-Moreau"


def sent_code() -> str:
    sms = OutboundMessage.objects.filter(channel="sms").latest("pk")
    assert sms.to_address == "+33781234567"
    return re.search(r"\b(\d{6})\b", sms.body_text).group(1)


def test_a_new_mobile_number_counts_once_the_code_sent_to_it_comes_back(as_customer, customer):
    response = as_customer.patch_json("/api/v1/me", {"phone": "07 81 23 45 67"})
    assert response.status_code == 200, response.content
    assert response.json()["phone"] == "+33612345678"
    assert response.json()["phone_pending"] == "+33781234567"  # national format, stored E.164
    customer.refresh_from_db()
    assert str(customer.phone) == "+33612345678"

    wrong_code = "111111" if sent_code() == "000000" else "000000"
    wrong = as_customer.post_json("/api/v1/me/phone/verify", {"code": wrong_code})
    assert assert_problem(wrong, 422, "validation-error")["errors"][0]["field"] == "body.code"
    verified = as_customer.post_json("/api/v1/me/phone/verify", {"code": sent_code()})
    assert verified.status_code == 200, verified.content
    assert (verified.json()["phone"], verified.json()["phone_pending"]) == ("+33781234567", "")
    customer.refresh_from_db()
    assert str(customer.phone) == "+33781234567"


def test_a_landline_is_refused_and_nothing_changes(as_customer, customer):
    response = as_customer.patch_json("/api/v1/me", {"phone": "01 43 55 01 01", "first_name": "C"})
    body = assert_problem(response, 422, "validation-error")
    assert body["errors"] == [
        {"field": "body.phone", "message": body["errors"][0]["message"], "code": "not_mobile"}
    ]
    customer.refresh_from_db()
    assert (str(customer.phone), customer.first_name) == ("+33612345678", "Camille")


def test_an_empty_name_or_an_unknown_language_is_refused(as_customer):
    empty = as_customer.patch_json("/api/v1/me", {"first_name": ""})
    klingon = as_customer.patch_json("/api/v1/me", {"language": "tlh"})
    assert assert_problem(empty, 422, "validation-error")["errors"][0]["field"] == "body.first_name"
    assert assert_problem(klingon, 422, "validation-error")["errors"][0]["field"] == "body.language"


def test_the_email_address_is_not_changed_here(as_customer, customer):
    response = as_customer.patch_json("/api/v1/me", {"email": "new@example.org"})
    assert assert_problem(response, 422, "validation-error")["errors"][0]["field"] == "body.email"
    customer.refresh_from_db()
    assert customer.email == "camille.dupont@example.org"


def test_my_token_reaches_my_profile_only(as_customer, other_customer):
    as_customer.patch_json("/api/v1/me", {"first_name": "Camila"})
    other_customer.refresh_from_db()
    assert other_customer.first_name == "Jean"


def test_without_a_session_the_profile_is_closed(anonymous, customer):
    assert_problem(anonymous.get("/api/v1/me"), 401, "not-authenticated")
    assert_problem(
        anonymous.patch_json("/api/v1/me", {"first_name": "X"}), 401, "not-authenticated"
    )
    customer.refresh_from_db()
    assert customer.first_name == "Camille"
