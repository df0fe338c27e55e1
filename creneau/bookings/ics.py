"""A booking as an iCalendar event (.ics), in the salon's time zone."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

from creneau.bookings.models import Booking


def booking_ics(booking: Booking, *, method: str = "PUBLISH") -> bytes:
    business = booking.business
    tz = ZoneInfo(business.timezone)
    calendar = Calendar()
    calendar.add("prodid", "-//Créneau//Booking//FR")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    event.add("uid", f"booking-{booking.reference}@{host}")
    event.add("dtstamp", booking.updated_at)
    event.add("dtstart", booking.start.astimezone(tz))
    event.add("dtend", booking.end.astimezone(tz))
    services = ", ".join(line.name for line in booking.lines.all())
    event.add("summary", f"{services} - {business.name}")
    event.add("location", f"{business.address}, {business.postcode} {business.city}")
    event.add(
        "description",
        f"{services}\n{business.name}\n{settings.SITE_URL}{business.get_absolute_url()}",
    )
    event.add("status", "CONFIRMED" if booking.is_active else "CANCELLED")
    event.add("sequence", int(booking.updated_at.timestamp()) % 2_000_000_000)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical
