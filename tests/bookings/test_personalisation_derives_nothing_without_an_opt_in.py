"""Without the account's opt-in to personalisation nothing is derived from the customer's
history: no salon is remembered and nothing is suggested, even with the cookie category
"personalisation" accepted in the banner (a browser's choice, not the account's)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from creneau.bookings.models import RecentlyViewedSalon
from tests.bookings.test_personalisation_suggests_services_and_salons_when_granted import (
    past_booking,
)

pytestmark = pytest.mark.django_db


def test_nothing_is_written_or_suggested(client, customer, salon):
    past_booking(salon, customer, salon.test_services["cut"], days_ago=5)
    client.force_login(customer)
    client.post(reverse("privacy:consent_save"), {"accept_all": ""})

    client.get(salon.get_absolute_url())
    response = client.get(reverse("web:home"))

    assert not RecentlyViewedSalon.objects.exists()
    assert not response.context["suggestions"]
    assert 'id="suggestions-title"' not in response.content.decode()


def test_an_anonymous_visitor_leaves_nothing(client, salon):
    client.get(salon.get_absolute_url())

    assert not RecentlyViewedSalon.objects.exists()
    assert 'id="suggestions-title"' not in client.get(reverse("web:home")).content.decode()
