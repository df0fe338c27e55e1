"""A confirmed booking can be added to Google Calendar, Outlook on the web or any calendar
(.ics): from its page and from the confirmation e-mail. The event is "service at salon", at
the salon's address, at the right moment; the .ics is served to the booking's customer only."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.utils import translation
from icalendar import Calendar

from creneau.bookings.calendar_links import booking_calendar_links
from creneau.notifications.models import OutboundMessage
from tests.conftest import PASSWORD, paris
from tests.notifications.helpers import NOW, book

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    # The booking is ahead of this moment, whatever day the tests run on.
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def booking(salon, customer):
    # 10:00 in Paris in winter is 09:00 UTC.
    return book(salon, customer, paris(2026, 12, 10, 10))


def query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_google_gets_utc_times_and_the_salons_time_zone(booking):
    with translation.override("en"):
        links = booking_calendar_links(booking=booking)
    google = query(links.google)
    assert links.google.startswith("https://calendar.google.com/calendar/render?")
    assert google["action"] == "TEMPLATE"
    assert google["text"] == "Coupe at Salon Test"
    assert google["dates"] == "20261210T090000Z/20261210T093000Z"
    assert google["ctz"] == "Europe/Paris"
    assert google["location"] == "1 rue du Test, 75011 Paris"
    assert booking.reference in google["details"]


def test_outlook_gets_the_local_time_with_its_offset(booking):
    with translation.override("fr"):
        links = booking_calendar_links(booking=booking)
    outlook = query(links.outlook)
    assert links.outlook.startswith("https://outlook.live.com/calendar/0/action/compose?")
    assert outlook["subject"] == "Coupe chez Salon Test"
    assert outlook["startdt"] == "2026-12-10T10:00:00+01:00"
    assert outlook["enddt"] == "2026-12-10T10:30:00+01:00"
    assert outlook["location"] == "1 rue du Test, 75011 Paris"


def test_the_page_of_the_booking_offers_the_three_calendars(client, customer, booking):
    client.login(email=customer.email, password=PASSWORD)
    html = client.get(f"/account/bookings/{booking.reference}/").content.decode()
    assert "https://calendar.google.com/calendar/render?" in html
    assert "https://outlook.live.com/calendar/0/action/compose?" in html
    assert f"/account/bookings/{booking.reference}/calendar.ics" in html


def test_the_ics_parses_and_opens_at_the_right_moment(client, customer, booking):
    client.login(email=customer.email, password=PASSWORD)
    response = client.get(f"/account/bookings/{booking.reference}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert events[0].decoded("dtstart") == paris(2026, 12, 10, 10)
    assert "1 rue du Test" in str(events[0]["location"])


def test_another_persons_booking_gives_404(client, other_customer, booking):
    client.login(email=other_customer.email, password=PASSWORD)
    assert client.get(f"/account/bookings/{booking.reference}/calendar.ics").status_code == 404
    assert client.get("/account/bookings/NOSUCHREF/calendar.ics").status_code == 404


def test_the_confirmation_email_carries_the_three_links(booking):
    message = OutboundMessage.objects.get(template="booking_confirmed")
    links = booking_calendar_links(booking=booking)
    for url in (links.google, links.outlook, links.ics):
        assert url in message.body_text
        assert url.replace("&", "&amp;") in message.body_html
