"""A marketing e-mail carries List-Unsubscribe with a signed link and the one-click
List-Unsubscribe-Post header (RFC 8058); other messages carry neither."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from creneau.consent.marketing import marketing_message_enqueue
from creneau.consent.models import AccountPurpose
from creneau.consent.objection import account_consent_record, unsubscribe_from_token
from creneau.notifications.outbox import message_enqueue

pytestmark = pytest.mark.django_db


def test_the_sent_email_has_both_headers_and_the_link_names_its_recipient(customer, settings):
    settings.SITE_URL = "https://creneau.example"
    account_consent_record(
        user=customer,
        purpose=AccountPurpose.MARKETING_EMAIL,
        granted=True,
        source="account",
        now=timezone.now(),
    )

    message = marketing_message_enqueue(
        template="marketing/news",
        to_address=customer.email,
        language="en",
        context={"text": "Spring offers"},
        user=customer,
        now=timezone.now(),
    )

    (sent,) = mail.outbox
    header = sent.extra_headers["List-Unsubscribe"]
    assert header.startswith("<https://creneau.example/unsubscribe/") and header.endswith(">")
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert sent.extra_headers["Message-ID"] == message.message_id
    token = header.rstrip("/>").rsplit("/", 1)[-1]
    assert unsubscribe_from_token(token) == (customer, AccountPurpose.MARKETING_EMAIL)
    assert header[1:-1] in sent.body


def test_a_booking_or_account_message_has_no_unsubscribe_header(customer):
    message_enqueue(
        template="account_erased",
        to_address=customer.email,
        language="en",
        context={"reference": "ER-TEST"},
        user=customer,
        now=timezone.now(),
    )

    (sent,) = mail.outbox
    assert "List-Unsubscribe" not in sent.extra_headers
    assert "List-Unsubscribe-Post" not in sent.extra_headers
