"""The customer's choice of reminder channels (e-mail, SMS), from the account page or the API."""

from __future__ import annotations

from creneau.accounts.models import User
from creneau.bookings.models import NotificationPreference


def notification_preference_set(
    *, user: User, email_reminders: bool, sms_reminders: bool
) -> NotificationPreference:
    """Record how the person wants to be reminded of their bookings. SMS reminders go to the
    account's (verified) mobile number; without one, none is sent whatever the choice."""
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user,
        defaults={"email_reminders": email_reminders, "sms_reminders": sms_reminders},
    )
    return preference
