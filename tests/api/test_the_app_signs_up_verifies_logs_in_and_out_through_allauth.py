"""App authentication through allauth's headless API (app client, session tokens).

Sign-up asks for the same five fields as the site (the same form class and adapter), the
address is confirmed with the key of the e-mail, and the session token then opens this API.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from creneau.accounts.models import User
from tests.api.conftest import NOW, ApiClient, session_token
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

AUTH = "/_allauth/app/v1/auth"
FIVE_FIELDS = {
    "email": "nora@example.org",
    "password": PASSWORD,
    "last_name": "Benali",
    "first_name": "Nora",
    "phone": "07 81 23 45 67",
}


def key_in_last_email(kind: str) -> str:
    """The key at the end of the link of the last e-mail (the app posts it back)."""
    link = re.search(rf"https?://\S+/accounts/{kind}/(\S+?)/\s", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    return link.group(1)


def sign_up(**changes) -> tuple[ApiClient, object]:
    client = ApiClient()
    response = client.post_json(f"{AUTH}/signup", {**FIVE_FIELDS, **changes})
    return client, response


def test_sign_up_takes_the_five_fields_and_waits_for_the_email_to_be_confirmed():
    _client, response = sign_up()

    assert response.status_code == 401  # allauth: created, but not logged in yet
    body = response.json()
    assert {"id": "verify_email", "is_pending": True} in body["data"]["flows"]
    assert body["meta"]["session_token"]
    user = User.objects.get(email="nora@example.org")
    assert (user.last_name, user.first_name, str(user.phone)) == ("Benali", "Nora", "+33781234567")
    assert not EmailAddress.objects.get(user=user).verified
    assert mail.outbox[-1].to == ["nora@example.org"]
    # A pending sign-up's token opens nothing of the API.
    pending = ApiClient(body["meta"]["session_token"])
    assert pending.get("/api/v1/bookings").status_code == 401


@pytest.mark.parametrize("missing", ["email", "password", "last_name", "first_name", "phone"])
def test_each_of_the_five_fields_is_required(missing):
    fields = {k: v for k, v in FIVE_FIELDS.items() if k != missing}
    response = ApiClient().post_json(f"{AUTH}/signup", fields)
    assert response.status_code == 400
    assert missing in {error.get("param") for error in response.json()["errors"]}
    assert not User.objects.exists()


def test_a_landline_is_refused_at_sign_up():
    _client, response = sign_up(phone="01 43 55 01 01")
    assert response.status_code == 400
    assert response.json()["errors"][0]["param"] == "phone"
    assert response.json()["errors"][0]["code"] == "not_mobile"


def test_the_key_from_the_email_confirms_the_address_and_logs_the_app_in():
    client, response = sign_up()
    client.token = response.json()["meta"]["session_token"]

    verified = client.post_json(f"{AUTH}/email/verify", {"key": key_in_last_email("confirm-email")})

    assert verified.status_code == 200, verified.content
    assert verified.json()["meta"]["is_authenticated"] is True
    assert EmailAddress.objects.get(email="nora@example.org").verified
    client.token = verified.json()["meta"].get("session_token", client.token)
    assert client.get("/api/v1/bookings").status_code == 200


def test_login_gives_a_token_that_opens_the_api_and_logout_closes_it(customer):
    client = ApiClient(session_token(customer.email))
    assert client.get("/api/v1/bookings").status_code == 200

    assert client.delete(f"{AUTH}/session").status_code == 401  # allauth: logged out

    assert client.get("/api/v1/bookings").status_code == 401


def test_a_wrong_password_gives_no_token(customer):
    response = ApiClient().post_json(
        f"{AUTH}/login", {"email": customer.email, "password": "not-the-password"}
    )
    assert response.status_code == 400
    assert "session_token" not in response.json().get("meta", {})


def test_a_forgotten_password_is_reset_with_the_key_from_the_email(customer):
    client = ApiClient()
    asked = client.post_json(f"{AUTH}/password/request", {"email": customer.email})
    assert asked.status_code == 200, asked.content

    key = key_in_last_email("password/reset/key")
    new_password = "a-brand-new-passphrase-77"
    reset = client.post_json(f"{AUTH}/password/reset", {"key": key, "password": new_password})

    assert reset.status_code == 401, reset.content  # allauth: reset done, not logged in
    assert (
        ApiClient()
        .post_json(f"{AUTH}/login", {"email": customer.email, "password": new_password})
        .status_code
        == 200
    )
    assert (
        ApiClient()
        .post_json(f"{AUTH}/login", {"email": customer.email, "password": PASSWORD})
        .status_code
        == 400
    )


def test_using_the_app_counts_as_activity_for_the_retention_of_accounts(customer, frozen):
    client = ApiClient(session_token(customer.email))
    customer.refresh_from_db()
    customer.last_activity = None
    customer.save(update_fields=["last_activity"])
    frozen.shift(timedelta(hours=2))

    assert client.get("/api/v1/bookings").status_code == 200

    customer.refresh_from_db()
    assert customer.last_activity == NOW + timedelta(hours=2)
