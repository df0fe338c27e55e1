"""Login with the e-mail in any case, a wrong password refused with a message, logout."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


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
