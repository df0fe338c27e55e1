"""A team member's own agenda as a calendar feed (.ics) that calendar apps subscribe to.

The address carries a secret token; only its SHA-256 is stored, looked up by its unique index
and compared in constant time, so a database dump gives no working address. The token is shown
once, when it is made; making a new one replaces it and the old address stops working
(docs/security.md). The feed holds the member's active bookings from 30 days back to 90 days
ahead, each with its services and the customer's first name only: no phone, no e-mail, no note.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar, Event

from creneau.accounts.models import User
from creneau.bookings.models import ACTIVE_STATUSES, Booking, StaffCalendarFeed
from creneau.catalog.models import Business, StaffMember
from creneau.catalog.permissions import membership_required

FEED_PAST = timedelta(days=30)
FEED_AHEAD = timedelta(days=90)
# Longer than any token we make (43 characters): anything longer is not looked up at all.
TOKEN_MAX_LENGTH = 64


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def staff_feed_renew(*, actor: User, business: Business, now: datetime | None = None) -> str:
    """Make a new secret address for the actor's own agenda at `business` and return its token,
    which is not stored and cannot be shown again; the previous address stops working.
    NotAllowed for anyone who is not an active member of the salon."""
    now = now or timezone.now()
    membership = membership_required(actor=actor, business=business)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        StaffCalendarFeed.objects.update_or_create(
            staff_id=membership.staff_id,
            defaults={"token_hash": token_hash(token), "created_at": now},
        )
    return token


def staff_feed_revoke(*, actor: User, business: Business) -> None:
    """Stop the actor's calendar address at `business`, if they have one."""
    membership = membership_required(actor=actor, business=business)
    StaffCalendarFeed.objects.filter(staff_id=membership.staff_id).delete()


def staff_feed_of(*, actor: User, business: Business) -> StaffCalendarFeed | None:
    """The actor's calendar address at `business` (its date only: the token is not kept)."""
    membership = membership_required(actor=actor, business=business)
    return StaffCalendarFeed.objects.filter(staff_id=membership.staff_id).first()


def staff_for_feed_token(token: str) -> StaffMember | None:
    """The team member whose address carries `token`, or None: unknown or replaced token, or a
    member who has left the team or whose account is closed. One query."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    digest = token_hash(token)
    feed = (
        StaffCalendarFeed.objects.select_related("staff__business", "staff__user")
        .filter(token_hash=digest)
        .first()
    )
    if feed is None or not hmac.compare_digest(feed.token_hash, digest):
        return None
    staff = feed.staff
    if not staff.is_active or staff.user is None or not staff.user.is_active:
        return None
    return staff


def _first_name(booking: Booking) -> str:
    if booking.customer is not None:
        return booking.customer.first_name
    if booking.contact is not None and booking.contact.name:
        # A contact has one name field, as the salon typed it: its first word.
        return booking.contact.name.split()[0]
    return ""


def staff_feed_ics(*, staff: StaffMember, now: datetime | None = None) -> bytes:
    """The calendar of `staff`'s active bookings in the window, in the salon's time zone.
    Two queries: the bookings (with their customer or contact) and their services."""
    now = now or timezone.now()
    business = staff.business
    tz = ZoneInfo(business.timezone)
    bookings = (
        Booking.objects.filter(
            staff=staff,
            status__in=ACTIVE_STATUSES,
            start__gte=now - FEED_PAST,
            start__lt=now + FEED_AHEAD,
        )
        .select_related("customer", "contact")
        .prefetch_related("lines")
        .order_by("start")
    )
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    calendar = Calendar()
    calendar.add("prodid", "-//Créneau//Staff agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{business.name} · {staff.display_name}")
    calendar.add("x-wr-timezone", business.timezone)
    # Calendar apps poll; a quarter of an hour is the usual hint.
    calendar.add("refresh-interval", timedelta(minutes=15), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT15M")
    for booking in bookings:
        event = Event()
        event.add("uid", f"staff-booking-{booking.reference}@{host}")
        event.add("dtstamp", booking.updated_at)
        event.add("dtstart", booking.start.astimezone(tz))
        event.add("dtend", booking.end.astimezone(tz))
        services = ", ".join(line.name for line in booking.lines.all())
        name = _first_name(booking)
        event.add("summary", f"{services} · {name}" if name else services)
        event.add("location", business.name)
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical
