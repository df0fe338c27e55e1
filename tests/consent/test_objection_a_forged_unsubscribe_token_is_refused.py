"""A forged or altered unsubscribe token gets a 400 and changes nothing."""

from __future__ import annotations

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from creneau.consent.models import AccountConsentRecord, AccountPurpose
from creneau.consent.objection import (
    UNSUBSCRIBE_SALT,
    account_allows,
    account_consent_record,
    unsubscribe_token,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribed(customer):
    account_consent_record(
        user=customer,
        purpose=AccountPurpose.MARKETING_EMAIL,
        granted=True,
        source="account",
        now=timezone.now(),
    )
    return customer


def forgeries(user):
    good = unsubscribe_token(user=user, purpose="marketing_email")
    return [
        good[:-2] + ("AA" if not good.endswith("AA") else "BB"),  # altered signature
        signing.dumps({"u": user.pk, "p": "marketing_email"}, salt="another.salt"),
        signing.dumps(
            {"u": user.pk, "p": "marketing_email"}, key="not-our-key", salt=UNSUBSCRIBE_SALT
        ),
        signing.dumps({"u": user.pk, "p": "personalisation"}, salt=UNSUBSCRIBE_SALT),
        "nonsense",
    ]


def test_every_forgery_is_refused_and_nothing_changes(subscribed):
    client = Client(enforce_csrf_checks=True)
    rows = AccountConsentRecord.objects.count()

    for token in forgeries(subscribed):
        url = reverse("privacy:unsubscribe", args=[token])
        assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 400
        assert client.get(url).status_code == 400

    assert AccountConsentRecord.objects.count() == rows
    assert account_allows(user=subscribed, purpose="marketing_email")
