"""Sign-up asks for exactly e-mail, password, last name, first name and mobile phone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from creneau.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

GOOD = {
    "email": "Lea.Moreau@Example.org",
    "password1": PASSWORD,
    "last_name": "Moreau",
    "first_name": "Léa",
    "phone": "06 12 34 56 78",
}


def signup(client, **changes):
    data = {**GOOD, **changes}
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(reverse("account_signup"), data)


def test_a_good_sign_up_creates_one_user_with_the_phone_in_e164(client):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "lea.moreau@example.org"
    assert str(user.phone) == "+33612345678"
    assert (user.first_name, user.last_name) == ("Léa", "Moreau")
    assert user.check_password(PASSWORD)
    assert user.language == "fr"


def test_an_international_mobile_number_is_accepted(client):
    assert signup(client, phone="+44 7911 123456").status_code == 302
    assert str(User.objects.get().phone) == "+447911123456"


@pytest.mark.parametrize("field", ["email", "password1", "last_name", "first_name", "phone"])
def test_each_missing_field_is_an_error_and_creates_no_user(client, field):
    response = signup(client, **{field: ""})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "valid email"),
        ("phone", "01 42 68 53 00", "not a mobile number"),
        ("phone", "12", "valid mobile phone number"),
        ("phone", "06 12 34", "valid mobile phone number"),
        ("password1", "short1", "at least 10 characters"),
        ("password1", "password1234", "too common"),
    ],
)
def test_bad_input_shows_a_clear_error_and_creates_no_user(client, settings, field, value, message):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("account_signup"), {**GOOD, field: value})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert not User.objects.exists()


def test_the_same_email_in_another_case_is_refused(client, make_user):
    make_user("lea.moreau@example.org")
    response = signup(client)
    # allauth does not reveal that the address is taken (no account enumeration): the form
    # succeeds on screen, the owner of the address is told by e-mail, and no second user exists.
    assert response.status_code in (200, 302)
    assert User.objects.filter(email__iexact="lea.moreau@example.org").count() == 1


def test_the_database_refuses_two_users_with_the_same_email_in_another_case(make_user):
    from django.db import IntegrityError, transaction

    make_user("sam@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="SAM@example.org", first_name="S", last_name="B")
