"""The messages a booking change causes, put in the outbox (`notifications.outbox`). Called by
`bookings.services` inside the transaction of the change, so the messages exist if and only if
the change does. Their templates are this app's `templates/notifications/email/`.

Who is told what:
- the customer, of every change (confirmation, move, cancellation), each with an .ics;
- the salon (its owners and managers that have an account), of the changes the customer made:
  a new booking made on the site or the app, a booking the customer moved or cancelled. A
  change made by the salon itself is not announced back to it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from creneau.accounts.models import User
from creneau.bookings.calendar_links import booking_calendar_links
from creneau.bookings.ics import booking_ics
from creneau.bookings.models import Booking, BookingSource
from creneau.catalog.models import StaffMember, StaffRole
from creneau.notifications.models import Channel
from creneau.notifications.outbox import Attachment, language_of, message_enqueue

ICS_MIMETYPE = "text/calendar"


def booking_context(booking: Booking, *, now: datetime) -> dict[str, Any]:
    """What every booking message shows, read once, so a queued message stays as it was."""
    business = booking.business
    lines = list(booking.lines.order_by("position"))
    deadline = booking.change_deadline()
    return {
        "business": {
            "name": business.name,
            "address": business.address,
            "postcode": business.postcode,
            "city": business.city,
            "phone": business.phone.as_international if business.phone else "",
        },
        "reference": booking.reference,
        "start": booking.start,
        "end": booking.end,
        "staff_name": booking.staff.display_name,
        "services": [
            {"name": line.name, "duration_minutes": line.duration_minutes, "price": line.price}
            for line in lines
        ],
        "total_price": booking.total_price,
        "change_deadline": deadline,
        "can_change": booking.is_changeable_by_customer(now),
        "booking_url": settings.SITE_URL
        + reverse("booking:detail", kwargs={"reference": booking.reference}),
        "business_url": settings.SITE_URL + business.get_absolute_url(),
    }


def _ics(booking: Booking, *, method: str) -> Attachment:
    return Attachment(
        filename=f"creneau-{booking.reference}.ics",
        mimetype=ICS_MIMETYPE,
        content=booking_ics(booking, method=method).decode("utf-8"),
    )


def _customer_name(booking: Booking) -> str:
    customer = booking.customer
    return customer.get_full_name() if customer is not None else ""


def _tell_customer(
    booking: Booking,
    *,
    template: str,
    context: dict[str, Any],
    attachment: Attachment | None,
    now: datetime,
) -> None:
    customer = booking.customer
    if customer is None or not customer.is_active or not customer.email:
        return
    message_enqueue(
        template=template,
        to_address=customer.email,
        language=language_of(customer),
        context={**context, "recipient_name": customer.first_name},
        time_zone=booking.business.timezone,
        attachments=[attachment] if attachment else [],
        user=customer,
        about=booking,
        now=now,
    )


def salon_recipients(booking: Booking) -> list[User]:
    """The salon's active owners and managers that have an active account."""
    members = (
        StaffMember.objects.filter(
            business_id=booking.business_id,
            role__in=[StaffRole.OWNER, StaffRole.MANAGER],
            is_active=True,
            user__isnull=False,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
    )
    return [member.user for member in members if member.user is not None]


def _tell_salon(booking: Booking, *, template: str, context: dict[str, Any], now: datetime) -> None:
    for user in salon_recipients(booking):
        message_enqueue(
            template=template,
            to_address=user.email,
            language=language_of(user),
            context={
                **context,
                "recipient_name": user.first_name,
                "customer_name": _customer_name(booking),
            },
            time_zone=booking.business.timezone,
            channel=Channel.EMAIL,
            user=user,
            about=booking,
            now=now,
        )


def booking_notify_created(*, booking: Booking, now: datetime) -> None:
    """Queue the customer's confirmation (with the .ics) and the salon's notice."""
    context = booking_context(booking, now=now)
    customer_context = context
    if booking.customer is not None:
        # The event's title is written in the customer's words, like the rest of the e-mail.
        with translation.override(language_of(booking.customer)):
            customer_context = {**context, "calendar": booking_calendar_links(booking=booking)}
    _tell_customer(
        booking,
        template="booking_confirmed",
        context=customer_context,
        attachment=_ics(booking, method="PUBLISH"),
        now=now,
    )
    if booking.source != BookingSource.BACKOFFICE:
        _tell_salon(booking, template="salon_booking_created", context=context, now=now)


def booking_notify_rescheduled(
    *, booking: Booking, previous_start: datetime, by: str, now: datetime
) -> None:
    """Queue "moved" messages; `by` is "customer" or "business", whoever moved it."""
    context = {
        **booking_context(booking, now=now),
        "previous_start": previous_start,
        "by_salon": by != "customer",
    }
    _tell_customer(
        booking,
        template="booking_rescheduled",
        context=context,
        attachment=_ics(booking, method="PUBLISH"),
        now=now,
    )
    if by == "customer":
        _tell_salon(booking, template="salon_booking_rescheduled", context=context, now=now)


def booking_notify_cancelled(*, booking: Booking, by: str, now: datetime) -> None:
    """Queue "cancelled" messages; `by` is "customer" or "business", whoever cancelled."""
    context = {**booking_context(booking, now=now), "by_salon": by != "customer"}
    _tell_customer(
        booking,
        template="booking_cancelled",
        context=context,
        attachment=_ics(booking, method="CANCEL"),
        now=now,
    )
    if by == "customer":
        _tell_salon(booking, template="salon_booking_cancelled", context=context, now=now)
