"""The confirmation's .ics, as the customer's mail program receives it, parses back to the
booked wall-clock time in the salon's time zone, in winter and in summer time."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from icalendar import Calendar

from tests.conftest import paris
from tests.notifications.helpers import book

pytestmark = pytest.mark.django_db(transaction=True)


def received_calendar(smtp) -> Calendar:
    smtp.recorder.wait_for(1)
    message = smtp.recorder.messages[0]
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    assert parts[0].get_filename().endswith(".ics")
    return Calendar.from_ical(parts[0].get_content())


@pytest.mark.parametrize(
    ("now", "start", "utc_offset"),
    [
        (paris(2026, 12, 7, 8), paris(2026, 12, 10, 10), timedelta(hours=1)),
        (paris(2027, 3, 22, 8), paris(2027, 3, 29, 10), timedelta(hours=2)),  # after the change
    ],
    ids=["winter", "summer"],
)
def test_the_invitation_starts_at_the_booked_local_time(
    smtp, salon, customer, now, start, utc_offset
):
    booking = book(salon, customer, start, now=now.astimezone(UTC))

    calendar = received_calendar(smtp)
    event = next(iter(calendar.walk("VEVENT")))
    dtstart = event.decoded("dtstart")
    dtend = event.decoded("dtend")
    assert str(dtstart.tzinfo) == "Europe/Paris"
    assert (dtstart.hour, dtstart.minute) == (10, 0)
    assert dtstart.utcoffset() == utc_offset
    assert dtstart == booking.start
    assert dtend - dtstart == timedelta(minutes=30)
    assert "Salon Test" in str(event["summary"])
    assert str(event["uid"]).startswith(f"booking-{booking.reference}@")
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
