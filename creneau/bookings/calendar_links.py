"""Links that add a booking to the customer's calendar: Google Calendar, Outlook on the web,
and the .ics file any other calendar (Apple, Thunderbird...) opens.

The same links are shown on the booking's page and in the confirmation e-mail. Google and
Outlook take the appointment in the link itself; the .ics is served only to the booking's
customer (`booking_ics_of_customer`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from creneau.accounts.models import User
from creneau.bookings.ics import booking_ics
from creneau.bookings.models import Booking
from creneau.bookings.selectors import booking_of_customer

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/action/compose"


@dataclass(frozen=True)
class CalendarLinks:
    title: str
    location: str
    google: str
    outlook: str
    ics: str


def booking_calendar_title(booking: Booking) -> str:
    services = ", ".join(line.name for line in booking.lines.order_by("position"))
    return _("%(services)s at %(salon)s") % {"services": services, "salon": booking.business.name}


def booking_calendar_links(*, booking: Booking) -> CalendarLinks:
    """The three ways to add `booking` to a calendar, as absolute URLs.

    Words are in the active language. Google gets the times in UTC and the salon's time zone to
    show them in; Outlook gets the salon's wall-clock time with its UTC offset: either way the
    appointment lands at the right moment wherever the customer's calendar is set.
    """
    business = booking.business
    tz = ZoneInfo(business.timezone)
    title = booking_calendar_title(booking)
    location = f"{business.address}, {business.postcode} {business.city}"
    booking_url = settings.SITE_URL + reverse(
        "booking:detail", kwargs={"reference": booking.reference}
    )
    details = _("Booking %(reference)s: %(url)s") % {
        "reference": booking.reference,
        "url": booking_url,
    }
    utc = "%Y%m%dT%H%M%SZ"
    start, end = booking.start.astimezone(UTC), booking.end.astimezone(UTC)
    google = (
        GOOGLE
        + "?"
        + urlencode(
            {
                "action": "TEMPLATE",
                "text": title,
                "dates": f"{start:{utc}}/{end:{utc}}",
                "ctz": business.timezone,
                "location": location,
                "details": details,
            }
        )
    )
    outlook = (
        OUTLOOK
        + "?"
        + urlencode(
            {
                "path": "/calendar/action/compose",
                "rru": "addevent",
                "subject": title,
                "startdt": booking.start.astimezone(tz).isoformat(),
                "enddt": booking.end.astimezone(tz).isoformat(),
                "location": location,
                "body": details,
            }
        )
    )
    ics = settings.SITE_URL + reverse("booking:ics", kwargs={"reference": booking.reference})
    return CalendarLinks(title=title, location=location, google=google, outlook=outlook, ics=ics)


def booking_ics_of_customer(*, customer: User, reference: str) -> bytes:
    """The .ics of the customer's own booking; Booking.DoesNotExist for anyone else's, so that
    another person's booking cannot be told apart from one that does not exist."""
    return booking_ics(booking_of_customer(customer=customer, reference=reference))
