"""Moving a booking: a time chosen in the list shows old -> new and the policy; only Confirm
moves the booking."""

from __future__ import annotations

from datetime import UTC
from urllib.parse import urlencode

import pytest
import time_machine
from django.urls import reverse

from creneau.bookings.services import booking_create
from tests.conftest import paris

pytestmark = pytest.mark.django_db

NOW = paris(2026, 12, 7, 8)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def booking(salon, customer):
    return booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=paris(2026, 12, 9, 10),
    )


def test_choosing_a_new_time_shows_a_review_and_moves_nothing(client, settings, booking, customer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(customer)
    url = reverse("booking:reschedule", args=[booking.reference])
    page = client.get(url + "?date=2026-12-09").content.decode()
    new = paris(2026, 12, 9, 15)
    times = page.split('class="slot-list" aria-label="Afternoon"')[1].split("</ul>")[0]
    assert "?start=2026-12-09T15%3A00%3A00%2B01%3A00" in times
    assert "<form" not in times  # the times are links: choosing one moves nothing
    review = client.get(url + "?" + urlencode({"start": new.astimezone(UTC).isoformat()}))
    html = review.content.decode()
    assert review.status_code == 200
    assert "Wednesday 9 December 2026, 10:00" in html and "15:00" in html
    assert "Confirm the new time" in html
    booking.refresh_from_db()
    assert booking.start == paris(2026, 12, 9, 10)  # kept until confirmed
    client.post(url, {"start": new.astimezone(UTC).isoformat()})
    booking.refresh_from_db()
    assert booking.start == new


def test_a_new_time_that_is_not_offered_is_refused_with_its_reason(
    client, settings, booking, customer
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(customer)
    url = reverse("booking:reschedule", args=[booking.reference])
    response = client.get(
        url + "?" + urlencode({"start": paris(2026, 12, 9, 12, 15).isoformat()}), follow=True
    )
    assert response.redirect_chain[-1][0] == url + "?date=2026-12-09"
    assert "No one works at that time" in str(next(iter(response.context["messages"])))


def test_a_new_time_too_close_to_cancel_online_says_so(client, settings, salon, customer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(customer)
    booking = booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=paris(2026, 12, 10, 10),
    )
    url = reverse("booking:reschedule", args=[booking.reference])
    review = client.get(url + "?" + urlencode({"start": paris(2026, 12, 7, 15).isoformat()}))
    html = review.content.decode()
    assert "too close to be cancelled or moved online" in html
    assert "Until Sunday 6 December" not in html
