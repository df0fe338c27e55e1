"""A new account is verified by the link in the real e-mail, and cannot log in before."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.accounts.helpers import only_link
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_new_account_is_verified_by_the_link_in_the_email_then_logged_in(client):
    client.post(
        reverse("account_signup"),
        {
            "email": "nora@example.org",
            "password1": PASSWORD,
            "last_name": "Benali",
            "first_name": "Nora",
            "phone": "07 81 23 45 67",
        },
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nora@example.org"]
    assert not EmailAddress.objects.get(email="nora@example.org").verified

    confirm_url = only_link(message)
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nora@example.org").verified
    assert client.get(reverse("account_email")).status_code == 200  # logged in


def test_an_unverified_account_cannot_log_in_until_verified(client, make_user):
    make_user("ines@example.org", verified=False)
    response = client.post(
        reverse("account_login"), {"login": "ines@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1  # a fresh verification e-mail
