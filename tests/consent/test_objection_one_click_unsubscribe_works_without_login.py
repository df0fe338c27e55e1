"""The unsubscribe link works without logging in: GET asks, POST (one click, no CSRF token,
no cookie, as mail providers send it) withdraws, and the withdrawal is in the ledger."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from creneau.consent.models import AccountConsentRecord, AccountPurpose
from creneau.consent.objection import account_allows, account_consent_record, unsubscribe_token

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


def url_for(user):
    return reverse(
        "privacy:unsubscribe", args=[unsubscribe_token(user=user, purpose="marketing_email")]
    )


def test_get_shows_a_button_and_changes_nothing(subscribed):
    response = Client().get(url_for(subscribed))

    assert response.status_code == 200
    assert b'<button type="submit"' in response.content
    assert account_allows(user=subscribed, purpose="marketing_email")


def test_the_one_click_post_withdraws_and_is_recorded(subscribed):
    client = Client(enforce_csrf_checks=True)

    response = client.post(url_for(subscribed), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not account_allows(user=subscribed, purpose="marketing_email")
    latest = AccountConsentRecord.objects.filter(user=subscribed).latest("id")
    assert (latest.purpose, latest.granted, latest.source) == (
        "marketing_email",
        False,
        "unsubscribe",
    )


def test_it_withdraws_that_channel_only(subscribed):
    account_consent_record(
        user=subscribed,
        purpose=AccountPurpose.MARKETING_SMS,
        granted=True,
        source="account",
        now=timezone.now(),
    )

    Client().post(url_for(subscribed), {"List-Unsubscribe": "One-Click"})

    assert account_allows(user=subscribed, purpose="marketing_sms")
    assert not account_allows(user=subscribed, purpose="marketing_email")
