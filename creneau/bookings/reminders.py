"""Appointment reminders, queued by the clock (`reminders_send_due`, registered by this app's
AppConfig.ready) `business.reminder_hours` before the start, or as long before as the customer
chose (`NotificationPreference.reminder_hours`).

Rules:
- once per booking and start time (a `BookingReminder` row, unique in the database, is written
  in the same transaction as the messages; a booking moved after its reminder gets one for its
  new time);
- confirmed bookings only, still in the future; a salon with `reminder_hours = 0` sends none;
- a booking made less than `reminder_hours` before its start gets no reminder: its
  confirmation has just told the customer everything;
- by e-mail unless the customer turned that off, and by SMS too when the customer asked for it
  and has a mobile number.
A reminder the clock could not send on time (it was stopped) is still sent late, as long as the
appointment has not started.

A restriction of processing (`privacy.restriction`) does not stop reminders: a reminder is only
ever about a booking the person keeps, and serves that booking, which the person still wants;
nothing else (no news, no suggestion) is sent to a restricted person.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any, TypedDict

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q

from creneau.accounts.models import User
from creneau.bookings.messages import booking_context
from creneau.bookings.models import Booking, BookingReminder, BookingStatus, NotificationPreference
from creneau.catalog.models import Business
from creneau.notifications.models import Channel
from creneau.notifications.outbox import language_of, message_enqueue

logger = logging.getLogger("creneau.bookings")


class _Common(TypedDict):
    """What a booking's reminder by e-mail and by SMS share."""

    context: dict[str, Any]
    language: str
    time_zone: str
    user: User
    about: Booking
    now: datetime


def preferences_for(user: User) -> NotificationPreference:
    """The user's notification preferences, the defaults when they never chose."""
    found = NotificationPreference.objects.filter(user=user).first()
    return found if found is not None else NotificationPreference(user=user)


def bookings_due_for_reminder(*, now: datetime) -> Q:
    """The condition on Booking for "its reminder is due now and was not sent"."""
    due = Q(pk__in=[])
    hours_in_use: set[int] = set(
        Business.objects.filter(reminder_hours__gt=0)
        .order_by()
        .values_list("reminder_hours", flat=True)
        .distinct()
    ) | {
        hours
        for hours in NotificationPreference.objects.filter(reminder_hours__isnull=False)
        .order_by()
        .values_list("reminder_hours", flat=True)
        .distinct()
        if hours is not None
    }
    chosen = "customer__notification_preference__reminder_hours"
    for hours in sorted(hours_in_use):
        ahead = timedelta(hours=hours)
        # The customer's own choice, else the salon's (no preference row: the salon's too).
        when = Q(**{chosen: hours}) | Q(
            **{f"{chosen}__isnull": True, "business__reminder_hours": hours}
        )
        due |= when & Q(start__lte=now + ahead, created_at__lte=F("start") - ahead)
    # A salon that sends no reminders sends none, whatever its customers chose.
    due &= Q(business__reminder_hours__gt=0)
    already = BookingReminder.objects.filter(booking=OuterRef("pk"), start=OuterRef("start"))
    return (
        due  # type: ignore[return-value]  # django-stubs: Q & Exists is a Q at run time
        & Q(status=BookingStatus.CONFIRMED, start__gt=now, customer__isnull=False)
        & ~Exists(already)
    )


def _remind(booking: Booking, *, now: datetime) -> bool:
    customer = booking.customer
    if customer is None or not customer.is_active:
        return False
    try:
        with transaction.atomic():
            BookingReminder.objects.create(booking=booking, start=booking.start, queued_at=now)
            preferences = preferences_for(customer)
            context = {
                **booking_context(booking, now=now),
                "recipient_name": customer.first_name,
            }
            common: _Common = {
                "context": context,
                "language": language_of(customer),
                "time_zone": booking.business.timezone,
                "user": customer,
                "about": booking,
                "now": now,
            }
            if preferences.email_reminders and customer.email:
                message_enqueue(template="booking_reminder", to_address=customer.email, **common)
            if preferences.sms_reminders and customer.phone:
                message_enqueue(
                    template="booking_reminder",
                    channel=Channel.SMS,
                    to_address=str(customer.phone),
                    **common,
                )
    except IntegrityError:
        # Another clock (two running by mistake, or cron overlapping) reminded it first.
        return False
    return True


def reminders_send_due(*, now: datetime, limit: int = 500) -> int:
    """Queue the reminders that are due at `now`; returns how many bookings were reminded.

    Idempotent: run it every minute, twice, or in two processes at once, each booking is
    reminded once per start time.
    """
    bookings = (
        Booking.objects.filter(bookings_due_for_reminder(now=now))
        .select_related("business", "customer", "staff")
        .order_by("start", "pk")[:limit]
    )
    reminded = sum(1 for booking in bookings if _remind(booking, now=now))
    if reminded:
        logger.info("queued reminders for %s bookings", reminded)
    return reminded
