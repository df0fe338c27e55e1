"""The e-mails allauth sends (here: the verification at sign-up) are outbox messages like the
others: in the recipient's language, text and HTML in our layout, with a stable Message-ID."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from creneau.notifications.models import OutboundMessage
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_up(client, language: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
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


def test_the_verification_email_is_an_outbox_message_delivered_at_once(client):
    sign_up(client, "en")

    message = OutboundMessage.objects.get()
    assert message.template == "account/email/email_confirmation_signup"
    assert message.status == "sent"
    assert message.language == "en"
    assert message.user.email == "nora@example.org"
    (sent,) = mail.outbox
    assert sent.extra_headers["Message-ID"] == message.message_id
    assert sent.to == ["nora@example.org"]
    assert "/accounts/confirm-email/" in sent.body


def test_it_has_an_html_part_in_the_shared_layout(client):
    sign_up(client, "en")

    (sent,) = mail.outbox
    ((html, mimetype),) = sent.alternatives
    assert mimetype == "text/html"
    assert '<html lang="en">' in html
    assert settings.OPERATOR["NAME"] in html and settings.OPERATOR["NAME"] in sent.body
    assert '<a href="http' in html  # the link is clickable
    assert "<img" not in html


def test_it_is_written_in_french_for_a_french_visitor(client):
    sign_up(client, "fr")

    assert OutboundMessage.objects.get().language == "fr"
    assert '<html lang="fr">' in mail.outbox[0].alternatives[0][0]
