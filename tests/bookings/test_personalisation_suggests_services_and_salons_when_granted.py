"""With personalisation granted, the salon page remembers the salon, and the home page and the
account preferences page suggest booking again the customer's recent services and show the
salons they looked at."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from creneau.bookings.models import Booking, BookingService, RecentlyViewedSalon
from creneau.consent.models import AccountPurpose
from creneau.consent.objection import account_consent_record

pytestmark = pytest.mark.django_db


def past_booking(salon, customer, service, days_ago):
    start = timezone.now() - timedelta(days=days_ago)
    end = start + timedelta(minutes=service.duration_minutes)
    booking = Booking.objects.create(
        business=salon,
        customer=customer,
        staff=salon.test_staff[0],
        start=start,
        end=end,
        blocked_until=end,
        status=Booking.Status.COMPLETED,
        total_price=Decimal(service.price),
    )
    BookingService.objects.create(
        booking=booking,
        service=service,
        position=0,
        name=service.name,
        duration_minutes=service.duration_minutes,
        price=Decimal(service.price),
    )
    return booking


@pytest.fixture
def opted_in(customer):
    account_consent_record(
        user=customer,
        purpose=AccountPurpose.PERSONALISATION,
        granted=True,
        source="account",
        now=timezone.now(),
    )
    return customer


def test_the_salon_page_remembers_the_salon(client, opted_in, salon):
    client.force_login(opted_in)

    client.get(salon.get_absolute_url())

    assert list(
        RecentlyViewedSalon.objects.filter(user=opted_in).values_list("business", flat=True)
    ) == [salon.pk]


def test_the_home_page_suggests_booking_again_and_the_salons_looked_at(client, opted_in, salon):
    past_booking(salon, opted_in, salon.test_services["colour"], days_ago=20)
    past_booking(salon, opted_in, salon.test_services["cut"], days_ago=5)
    client.force_login(opted_in)
    client.get(salon.get_absolute_url())

    response = client.get(reverse("web:home"))

    suggestions = response.context["suggestions"]
    assert [item.service.name for item in suggestions.rebook] == ["Coupe", "Couleur"]
    assert suggestions.viewed == [salon]
    page = response.content.decode()
    assert "Coupe — Salon Test" in page
    assert salon.get_absolute_url() in page


def test_the_account_shows_the_same_suggestions(client, opted_in, salon):
    past_booking(salon, opted_in, salon.test_services["cut"], days_ago=5)
    client.force_login(opted_in)

    page = client.get(reverse("privacy:account_preferences")).content.decode()

    assert "Coupe — Salon Test" in page


def test_another_customers_history_is_never_suggested(client, opted_in, other_customer, salon):
    past_booking(salon, other_customer, salon.test_services["cut"], days_ago=5)
    client.force_login(opted_in)

    assert not client.get(reverse("web:home")).context["suggestions"]
