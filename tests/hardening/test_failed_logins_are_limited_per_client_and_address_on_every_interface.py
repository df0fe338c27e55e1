"""Failed logins: 429 with Retry-After from the configured attempt on, on the site and in the
app; the owner of the address, from another client, still logs in; the password reset stays
open."""

from __future__ import annotations

import importlib

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.api.conftest import ApiClient
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

APP_LOGIN = "/_allauth/app/v1/auth/login"
STRANGER = "203.0.113.7"
OWNER = "198.51.100.20"


@pytest.fixture(autouse=True)
def limits_on(settings):
    settings.ACCOUNT_RATE_LIMITS = importlib.import_module("creneau.settings").ACCOUNT_RATE_LIMITS
    settings.LOGIN_FAILURE_LIMITS = {"client_address": "5/5m", "client": "30/5m", "address": "50/h"}


def site_login(client, email, password, ip):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip
    )


def test_the_site_answers_429_with_retry_after_from_the_sixth_failure(customer):
    stranger = Client()
    statuses = [
        site_login(stranger, customer.email, "wrong-password-1", STRANGER) for _ in range(30)
    ]
    assert [r.status_code for r in statuses[:5]] == [200] * 5
    assert {r.status_code for r in statuses[5:]} == {429}
    assert all(0 < int(r["Retry-After"]) <= 300 for r in statuses[5:])
    # The owner, from their own client, is not refused.
    assert site_login(Client(), customer.email, PASSWORD, OWNER).status_code == 302


def test_the_app_answers_429_with_retry_after_from_the_sixth_failure(customer):
    stranger = ApiClient()
    wrong = {"email": customer.email, "password": "wrong-password-1"}
    answers = [stranger.post_json(APP_LOGIN, wrong, REMOTE_ADDR=STRANGER) for _ in range(30)]
    assert [a.status_code for a in answers[:5]] == [400] * 5
    assert {a.status_code for a in answers[5:]} == {429}
    assert all(0 < int(a["Retry-After"]) <= 300 for a in answers[5:])
    right = {"email": customer.email, "password": PASSWORD}
    assert ApiClient().post_json(APP_LOGIN, right, REMOTE_ADDR=OWNER).status_code == 200


def test_ten_failures_for_one_address_do_not_refuse_another_accounts_login(
    customer, other_customer
):
    stranger = Client()
    for _ in range(10):
        site_login(stranger, customer.email, "wrong-password-1", STRANGER)
    assert site_login(Client(), other_customer.email, PASSWORD, OWNER).status_code == 302


def test_one_client_trying_many_addresses_is_limited_too(customer, settings):
    settings.LOGIN_FAILURE_LIMITS = {"client": "3/5m"}
    stranger = Client()
    statuses = [
        site_login(stranger, f"someone{i}@example.org", "wrong-password-1", STRANGER).status_code
        for i in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_the_password_reset_stays_open_to_a_limited_address(customer):
    stranger = Client()
    for _ in range(8):
        site_login(stranger, customer.email, "wrong-password-1", STRANGER)
    response = stranger.post(
        reverse("account_reset_password"), {"email": customer.email}, REMOTE_ADDR=STRANGER
    )
    assert response.status_code == 302


def test_a_completed_reset_clears_the_ceiling_on_the_address(customer, settings):
    from creneau.accounts.adapter import AccountAdapter
    from creneau.accounts.ratelimit import login_failure_record, login_wait

    settings.LOGIN_FAILURE_LIMITS = {"address": "2/h"}
    for client in ("203.0.113.1", "203.0.113.2"):
        login_failure_record(client=client, address=customer.email)
    assert login_wait(client=OWNER, address=customer.email) > 0
    request = RequestFactory().post("/accounts/password/reset/key/done/")
    AccountAdapter()._delete_login_attempts_cached_email(request, email=customer.email)
    assert login_wait(client=OWNER, address=customer.email) == 0


def test_a_burst_across_the_edge_of_a_clock_window_is_still_limited(customer, settings):
    from creneau.accounts.ratelimit import login_failure_record, login_wait

    settings.LOGIN_FAILURE_LIMITS = {"client_address": "5/5m"}
    # Five failures just before a multiple of five minutes, then a try just after it: a counter
    # in fixed clock windows would have started again at zero.
    for second in range(5):
        login_failure_record(client=OWNER, address=customer.email, now=1_800_000_295.0 + second)
    assert login_wait(client=OWNER, address=customer.email, now=1_800_000_301.0) == 294
    # The counter ends five minutes after the first failure it counted.
    assert login_wait(client=OWNER, address=customer.email, now=1_800_000_595.5) == 0
