"""In the admin's outbox, platform staff find the messages about a booking by the booking's
reference (a search the bookings app adds: the outbox names no booking), and a message shows
which booking it is about."""

from __future__ import annotations

import pytest
from django.urls import reverse

from creneau.notifications.models import OutboundMessage
from tests.conftest import paris
from tests.notifications.helpers import book

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:notifications_outboundmessage_changelist")


@pytest.fixture
def platform_admin(client, make_user):
    admin = make_user("admin@creneau.example", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return admin


def test_the_search_by_reference_lists_that_bookings_messages_only(
    client, platform_admin, salon, customer
):
    booking = book(salon, customer, paris(2026, 12, 9, 10))
    other = book(salon, customer, paris(2026, 12, 9, 14))
    assert OutboundMessage.objects.filter(booking=other).exists()

    page = client.get(CHANGELIST, {"q": booking.reference})

    assert page.status_code == 200
    shown = {message.pk for message in page.context["cl"].result_list}
    assert shown == set(
        OutboundMessage.objects.filter(booking=booking).values_list("pk", flat=True)
    )
    assert shown


def test_a_message_shows_the_booking_it_is_about(client, platform_admin, salon, customer):
    booking = book(salon, customer, paris(2026, 12, 9, 10))
    message = OutboundMessage.objects.get(template="booking_confirmed")

    page = client.get(reverse("admin:notifications_outboundmessage_change", args=[message.pk]))

    assert page.status_code == 200
    assert f"Booking {booking.reference}" in page.content.decode()
