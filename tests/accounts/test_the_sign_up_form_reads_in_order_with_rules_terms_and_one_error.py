"""Sign-up asks first name, last name, e-mail, phone, password in that order; a phone mistake
gives one error; the password rules are a sentence; the terms of use and the privacy policy
are linked; the password can be shown (a button the script reveals)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def french() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="fr")


def test_the_fields_come_in_the_order_people_expect():
    html = french().get(reverse("account_signup")).content.decode()
    names = re.findall(r'<input type="(?:text|email|tel|password)" name="(\w+)"', html)
    assert names == ["first_name", "last_name", "email", "phone", "password1"]


def test_a_phone_mistake_is_said_once():
    html = (
        french()
        .post(
            reverse("account_signup"),
            {
                "first_name": "Léa",
                "last_name": "Moreau",
                "email": "lea@example.org",
                "phone": "12",
                "password1": "x",
            },
        )
        .content.decode()
    )
    assert html.count("Saisissez un numéro de téléphone mobile valide.") == 1


def test_the_password_rules_are_a_sentence_and_terms_and_privacy_are_linked():
    html = french().get(reverse("account_signup")).content.decode()
    assert "Au moins 10 caractères, pas uniquement des chiffres" in html
    assert "<ul><li>Votre mot de passe" not in html  # Django's bare list of rules
    assert f'href="{reverse("privacy:terms")}"' in html
    assert f'href="{reverse("privacy:privacy_policy")}"' in html
    assert 'class="button button-small button-secondary password-toggle"' in html
    assert 'aria-controls="id_password1"' in html
