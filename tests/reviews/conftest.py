"""A salon with visits in the past: bookings written as they stand after the appointment
(booking_create refuses the past, rightly), reviewed or not."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from django.test import Client

from creneau.bookings.models import Booking, BookingService, BookingStatus
from tests.conftest import paris

# Tuesday 15 December 2026, 12:00 in Paris.
NOW = paris(2026, 12, 15, 12).astimezone(UTC)


@pytest.fixture
def visit(salon):
    """make(customer, start=..., status=...): a booking of a cut, as the agenda holds it."""

    def make(customer, *, start=None, status=BookingStatus.CONFIRMED, staff_index=0):
        start = start or paris(2026, 12, 14, 10)
        cut = salon.test_services["cut"]
        booking = Booking.objects.create(
            business=salon,
            customer=customer,
            staff=salon.test_staff[staff_index],
            start=start,
            end=start + timedelta(minutes=30),
            blocked_until=start + timedelta(minutes=40),
            status=status,
            total_price=cut.price,
        )
        BookingService.objects.create(
            booking=booking,
            service=cut,
            position=0,
            name=cut.name,
            duration_minutes=30,
            buffer_minutes=10,
            price=cut.price,
        )
        return booking

    return make


@pytest.fixture
def client_as(settings):
    def make(user, language="en") -> Client:
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Domain messages in English, whatever language an earlier test left active; pages still
    speak the language their request asks for."""
    from django.utils import translation

    with translation.override("en"):
        yield
