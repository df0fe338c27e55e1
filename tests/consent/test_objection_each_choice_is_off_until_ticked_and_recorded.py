"""Marketing by e-mail, by SMS and personalisation are three separate choices of the account,
none ticked until the customer ticks it, changeable from the preferences page, each change
recorded in the account's consent ledger with source "account"."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from creneau.consent.models import AccountConsentRecord
from creneau.consent.objection import account_choices

pytestmark = pytest.mark.django_db


def test_the_page_shows_three_unticked_boxes(client, customer):
    client.force_login(customer)

    page = client.get(reverse("privacy:account_preferences")).content.decode()

    for name in ("marketing_email", "marketing_sms", "personalisation"):
        (box,) = re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)
        assert 'type="checkbox"' in box
        assert "checked" not in box
    assert account_choices(user=customer) == {
        "marketing_email": False,
        "marketing_sms": False,
        "personalisation": False,
    }


def test_ticking_one_box_grants_that_purpose_only_and_records_it(client, customer):
    client.force_login(customer)

    client.post(reverse("privacy:account_preferences"), {"marketing_sms": "on"})

    assert account_choices(user=customer)["marketing_sms"] is True
    assert account_choices(user=customer)["marketing_email"] is False
    (row,) = AccountConsentRecord.objects.filter(user=customer)
    assert (row.purpose, row.granted, row.source) == ("marketing_sms", True, "account")


def test_unticking_later_appends_a_withdrawal_and_keeps_the_grant(client, customer):
    client.force_login(customer)
    url = reverse("privacy:account_preferences")
    client.post(url, {"marketing_email": "on", "personalisation": "on"})

    client.post(url, {"personalisation": "on"})

    rows = list(AccountConsentRecord.objects.filter(user=customer).order_by("id"))
    assert [(r.purpose, r.granted) for r in rows] == [
        ("marketing_email", True),
        ("personalisation", True),
        ("marketing_email", False),
    ]
    page = client.get(url).content.decode()
    assert "checked" in re.findall(r'<input[^>]*name="personalisation"[^>]*>', page)[0]
    assert "checked" not in re.findall(r'<input[^>]*name="marketing_email"[^>]*>', page)[0]


def test_my_data_links_to_the_choices(client, customer):
    client.force_login(customer)

    page = client.get(reverse("privacy:my_data")).content.decode()

    assert reverse("privacy:account_preferences") in page


def test_the_page_needs_a_login(client):
    response = client.get(reverse("privacy:account_preferences"))

    assert response.status_code == 302
