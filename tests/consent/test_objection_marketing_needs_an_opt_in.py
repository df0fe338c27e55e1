"""No marketing message is queued for a customer who has not opted in on that channel."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from creneau.consent.marketing import MarketingRefused, marketing_message_enqueue
from creneau.consent.models import AccountPurpose
from creneau.consent.objection import account_consent_record
from creneau.notifications.models import OutboundMessage
from creneau.notifications.outbox import message_enqueue

pytestmark = pytest.mark.django_db


def send_news(user, channel="email", template="marketing/news"):
    return marketing_message_enqueue(
        template=template,
        to_address=user.email if channel == "email" else str(user.phone),
        language="en",
        context={"text": "Spring offers"},
        channel=channel,
        user=user,
        now=timezone.now(),
    )


def test_it_refuses_a_customer_who_never_opted_in(customer):
    with pytest.raises(MarketingRefused):
        send_news(customer)

    assert not OutboundMessage.objects.exists()
    assert mail.outbox == []


def test_an_email_opt_in_does_not_allow_sms(customer):
    account_consent_record(
        user=customer,
        purpose=AccountPurpose.MARKETING_EMAIL,
        granted=True,
        source="account",
        now=timezone.now(),
    )

    with pytest.raises(MarketingRefused):
        send_news(customer, channel="sms")
    assert send_news(customer).template == "marketing/news"


def test_it_refuses_again_once_the_customer_withdraws(customer):
    for granted in (True, False):
        account_consent_record(
            user=customer,
            purpose=AccountPurpose.MARKETING_EMAIL,
            granted=granted,
            source="account",
            now=timezone.now(),
        )

    with pytest.raises(MarketingRefused):
        send_news(customer)
    assert not OutboundMessage.objects.exists()


def test_a_marketing_template_cannot_be_sent_as_an_ordinary_message(customer):
    with pytest.raises(MarketingRefused):
        message_enqueue(
            template="marketing/news",
            to_address=customer.email,
            language="en",
            context={"text": "Spring offers"},
            user=customer,
            now=timezone.now(),
        )
