"""allauth's e-mails and messages greet the person by first name and sign with the site's name:
never "User #6", never the host and port the request came through."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_up(client, language: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.post(
        reverse("account_signup"),
        {
            "first_name": "Nora",
            "last_name": "Benali",
            "email": "nora@example.org",
            "phone": "07 81 23 45 67",
            "password1": PASSWORD,
        },
        HTTP_HOST="127.0.0.1:18700",
    )


@pytest.mark.parametrize(("language", "hello"), [("fr", "Bonjour Nora,"), ("en", "Hello Nora,")])
def test_the_verification_email_greets_by_first_name_and_signs_with_the_site_name(
    client, settings, language, hello
):
    settings.ALLOWED_HOSTS = ["*"]
    sign_up(client, language)

    (sent,) = mail.outbox
    assert hello in sent.body
    assert "User #" not in sent.body
    assert "127.0.0.1:18700 !" not in sent.body and "c'est 127.0.0.1" not in sent.body
    assert settings.SITE_NAME in sent.body


def test_the_password_reset_email_greets_by_first_name(client, customer, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.post(reverse("account_reset_password"), {"email": customer.email})

    (sent,) = mail.outbox
    assert "Bonjour Camille," in sent.body
    assert "User #" not in sent.body
    assert "Choisir un nouveau mot de passe" in sent.body


@pytest.mark.parametrize(
    ("language", "expected"), [("fr", "Bon retour, Camille."), ("en", "Welcome back, Camille.")]
)
def test_the_login_message_names_the_person(client, customer, settings, language, expected):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(
        reverse("account_login"), {"login": customer.email, "password": PASSWORD}
    )

    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert texts == [expected]
