"""The person corrects their names, mobile phone and language in their account; the phone must
be a mobile, and a new one replaces the old only once the code sent to it by SMS is typed."""

from __future__ import annotations

import re

from django.urls import reverse

from creneau.notifications.models import OutboundMessage


def test_it_saves_names_phone_and_language(client, customer):
    client.force_login(customer)

    response = client.post(
        reverse("account_hub:profile"),
        {
            "first_name": "Camila",
            "last_name": "Durand",
            "phone": "06 11 22 33 44",
            "language": "en",
        },
    )

    assert response.status_code == 302
    customer.refresh_from_db()
    assert (customer.first_name, customer.last_name, customer.language) == (
        "Camila",
        "Durand",
        "en",
    )
    # The new number is used once the person typed the code sent to it.
    assert str(customer.phone) == "+33612345678"
    sms = OutboundMessage.objects.get(channel="sms")
    code = re.search(r"\b(\d{6})\b", sms.body_text).group(1)
    client.post(reverse("account_hub:phone_verify"), {"code": code})
    customer.refresh_from_db()
    assert str(customer.phone) == "+33611223344"


def test_it_rejects_a_landline_number(client, customer):
    client.force_login(customer)

    response = client.post(
        reverse("account_hub:profile"),
        {
            "first_name": "Camille",
            "last_name": "Dupont",
            "phone": "01 42 00 00 00",
            "language": "fr",
        },
    )

    assert response.status_code == 200
    customer.refresh_from_db()
    assert str(customer.phone) == "+33612345678"
