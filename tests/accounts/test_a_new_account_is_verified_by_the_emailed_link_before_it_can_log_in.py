"""Verification, login, password reset and change of e-mail, end to end with the real e-mails."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s]+?/accounts/[^\s]+/")


def only_link(message) -> str:
    links = LINK.findall(message.body)
    assert links, message.body
    return links[0].split("://", 1)[1].split("/", 1)[1].join(["/", ""])


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


def test_login_ignores_the_case_of_the_email(client, customer):
    response = client.post(
        reverse("account_login"), {"login": "CAMILLE.Dupont@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == customer.pk


def test_a_wrong_password_is_refused_with_a_message(client, settings, customer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        reverse("account_login"), {"login": customer.email, "password": "wrong-password-123"}
    )
    assert response.status_code == 200
    assert "not correct" in str(response.context["form"].errors)
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session(client, customer):
    client.force_login(customer)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


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


def test_a_new_email_replaces_the_old_one_only_once_verified(client, customer):
    client.force_login(customer)
    client.post(reverse("account_email"), {"action_add": "", "email": "camille.new@example.org"})
    customer.refresh_from_db()
    assert customer.email == "camille.dupont@example.org"  # not yet verified
    verification = [m for m in mail.outbox if m.to == ["camille.new@example.org"]]
    assert len(verification) == 1

    confirm_url = only_link(verification[0])
    client.post(confirm_url)
    customer.refresh_from_db()
    assert customer.email == "camille.new@example.org"
    assert list(EmailAddress.objects.filter(user=customer).values_list("email", flat=True)) == [
        "camille.new@example.org"
    ]
