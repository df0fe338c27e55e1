"""The salon moves or cancels a booking from its page; the customer is told by e-mail, and a
done appointment is marked completed or no-show."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine

from creneau.bookings.models import Booking
from creneau.notifications.models import OutboundMessage
from tests.backoffice.conftest import NOW, THURSDAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def booking(customer, book):
    booking = book(customer, staff_index=0)
    OutboundMessage.objects.all().delete()  # the confirmation is not what these tests are about
    return booking


def test_a_manager_moves_a_booking_to_another_day_and_the_customer_is_told(
    salon, manager, customer, booking, login
):
    client = login(manager)
    url = f"/pro/salon-test/bookings/{booking.reference}/move/"
    html = client.get(url, {"staff": salon.test_staff[0].pk, "date": "2026-12-11"}).content.decode()
    start = re.search(r'name="start" id="start-3" value="([^"]+)"', html).group(1)  # 09:30
    response = client.post(
        url, {"staff": salon.test_staff[0].pk, "date": "2026-12-11", "start": start}
    )
    assert response["Location"] == "/pro/salon-test/?date=2026-12-11"
    booking.refresh_from_db()
    assert booking.start == THURSDAY + timedelta(days=1, minutes=-30)
    message = OutboundMessage.objects.get(to_address=customer.email)
    assert message.template == "booking_rescheduled"


def test_a_manager_cancels_and_the_customer_is_told_the_salon_cancelled(
    salon, manager, customer, booking, login
):
    customer.language = "en"
    customer.save(update_fields=["language"])
    response = login(manager).post(f"/pro/salon-test/bookings/{booking.reference}/cancel/")
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED_BY_BUSINESS
    message = OutboundMessage.objects.get(to_address=customer.email)
    assert message.template == "booking_cancelled"
    assert "The salon has cancelled your booking" in message.body_text


def test_the_cancel_page_asks_before_cancelling(salon, manager, booking, login):
    response = login(manager).get(f"/pro/salon-test/bookings/{booking.reference}/cancel/")
    assert "Cancel this booking?" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_the_outcome_buttons_appear_once_the_appointment_has_started(
    salon, manager, booking, login
):
    client = login(manager)
    page = f"/pro/salon-test/bookings/{booking.reference}/"
    assert 'value="no_show"' not in client.get(page).content.decode()
    with time_machine.travel(THURSDAY + timedelta(minutes=45), tick=False):
        assert 'value="no_show"' in client.get(page).content.decode()
        client.post(f"{page}outcome/", {"outcome": "no_show"})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.NO_SHOW
