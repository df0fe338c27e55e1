"""A forgotten password is reset through the e-mailed link; a change needs the old one."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.helpers import LINK, only_link
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_forgotten_password_is_reset_through_the_emailed_link(client, customer):
    client.post(reverse("account_reset_password"), {"email": customer.email})
    assert len(mail.outbox) == 1
    reset_url = only_link(mail.outbox[0])
    response = client.get(reset_url)
    assert response.status_code == 302  # allauth moves the key out of the URL into the session
    set_password_url = response.url
    new_password = "a-brand-new-passphrase-77"
    response = client.post(set_password_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.check_password(new_password)


def test_a_reset_request_for_an_unknown_address_looks_the_same_and_sends_no_link(client, customer):
    known = client.post(reverse("account_reset_password"), {"email": customer.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert unknown.status_code == known.status_code == 302
    assert unknown.url == known.url
    to_unknown = [m for m in mail.outbox if m.to == ["nobody@example.org"]]
    assert all(not LINK.search(m.body) or "/password/reset/key/" not in m.body for m in to_unknown)


def test_changing_the_password_needs_the_old_one(client, customer):
    client.force_login(customer)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "wrong",
            "password1": "another-long-pass-88",
            "password2": "another-long-pass-88",
        },
    )
    assert response.status_code == 200
    customer.refresh_from_db()
    assert customer.check_password(PASSWORD)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-pass-88",
            "password2": "another-long-pass-88",
        },
    )
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.check_password("another-long-pass-88")
