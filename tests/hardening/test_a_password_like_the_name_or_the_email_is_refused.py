"""A password close to the person's names or e-mail address (its local part taken whole
included) is refused at sign-up on the site and in the app, and when changing it."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from creneau.accounts.models import User
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db

PERSON = {
    "email": "claire.martin@example.org",
    "last_name": "Dubois-Lefort",
    "first_name": "Marguerite",
    "phone": "06 12 34 56 78",
}


@pytest.mark.parametrize(
    "password", ["claire.martin", "Claire.Martin1", "marguerite.1", "DuboisLefort"]
)
def test_the_site_refuses_it_at_sign_up(client, password):
    response = client.post(reverse("account_signup"), {**PERSON, "password1": password})
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not User.objects.exists()


@pytest.mark.parametrize("password", ["claire.martin", "marguerite.1"])
def test_the_app_refuses_it_at_sign_up(password):
    response = ApiClient().post_json(
        "/_allauth/app/v1/auth/signup", {**PERSON, "password": password}
    )
    assert response.status_code == 400
    assert any(error.get("param") == "password" for error in response.json()["errors"])
    assert not User.objects.exists()


def test_a_password_far_from_the_person_is_accepted(client):
    response = client.post(
        reverse("account_signup"), {**PERSON, "password1": "correct-horse-battery-staple-42"}
    )
    assert response.status_code == 302
    assert User.objects.filter(email="claire.martin@example.org").exists()


def test_changing_the_password_sees_the_whole_person(make_user):
    user = make_user("claire.martin@example.org", first_name="Marguerite", last_name="Dubois")
    with pytest.raises(ValidationError):
        validate_password("claire.martin", user)
    with pytest.raises(ValidationError):
        validate_password("Dubois2024", user)
    validate_password("correct-horse-battery-staple-42", user)
