"""In Chromium, without logging in: the link of a queued marketing e-mail's List-Unsubscribe
header shows a button, and pressing it withdraws the opt-in."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from creneau.consent.marketing import marketing_message_enqueue
from creneau.consent.models import AccountConsentRecord, AccountPurpose
from creneau.consent.objection import account_allows, account_consent_record
from creneau.notifications.delivery import message_headers

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def test_the_header_link_unsubscribes_without_a_login(page, customer, live_server, settings):
    settings.SITE_URL = live_server.url
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
    link = message_headers(message)["List-Unsubscribe"].strip("<>")

    page.goto(link)
    with page.expect_navigation():
        page.locator("button[name='refuse_all']").click()
    assert account_allows(user=customer, purpose="marketing_email")
    with page.expect_navigation():
        page.locator("button[name='unsubscribe']").click()

    expect(page.locator("[role='status']")).to_be_visible()
    assert not account_allows(user=customer, purpose="marketing_email")
    latest = AccountConsentRecord.objects.filter(user=customer).latest("id")
    assert latest.source == "unsubscribe"
