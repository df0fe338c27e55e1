"""Withdrawing personalisation deletes the salons remembered, stops the suggestions, and the
salon page no longer remembers anything."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from creneau.bookings.models import RecentlyViewedSalon
from creneau.consent.models import AccountPurpose
from creneau.consent.objection import account_consent_record
from tests.bookings.test_personalisation_suggests_services_and_salons_when_granted import (
    past_booking,
)

pytestmark = pytest.mark.django_db


def test_unticking_the_box_deletes_and_stops_everything(client, customer, other_customer, salon):
    for person in (customer, other_customer):
        account_consent_record(
            user=person,
            purpose=AccountPurpose.PERSONALISATION,
            granted=True,
            source="account",
            now=timezone.now(),
        )
        client.force_login(person)
        client.get(salon.get_absolute_url())
    past_booking(salon, customer, salon.test_services["cut"], days_ago=5)
    client.force_login(customer)

    client.post(reverse("privacy:account_preferences"), {})

    assert not RecentlyViewedSalon.objects.filter(user=customer).exists()
    assert RecentlyViewedSalon.objects.filter(user=other_customer).exists()
    client.get(salon.get_absolute_url())
    assert not RecentlyViewedSalon.objects.filter(user=customer).exists()
    assert not client.get(reverse("web:home")).context["suggestions"]
