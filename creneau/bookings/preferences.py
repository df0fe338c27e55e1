"""The customer's choice of reminders (by e-mail, by SMS, how long before), from the account
page or the API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from creneau.accounts.models import User
from creneau.bookings.errors import InvalidBooking
from creneau.bookings.models import REMINDER_HOURS_CHOICES, NotificationPreference

REMINDER_HOURS = {hours for hours, _label in REMINDER_HOURS_CHOICES}
_UNCHANGED = -1


def notification_preference_set(
    *,
    user: User,
    email_reminders: bool,
    sms_reminders: bool,
    reminder_hours: int | None = _UNCHANGED,
) -> NotificationPreference:
    """Record how the person wants to be reminded of their bookings. SMS reminders go to the
    account's (verified) mobile number; without one, none is sent whatever the choice.
    `reminder_hours` is one of REMINDER_HOURS, or None for the salon's own choice (a salon
    that sends no reminders sends none either way); left out, it stays as it was."""
    defaults: dict[str, object] = {
        "email_reminders": email_reminders,
        "sms_reminders": sms_reminders,
    }
    if reminder_hours != _UNCHANGED:
        if reminder_hours is not None and reminder_hours not in REMINDER_HOURS:
            raise InvalidBooking(_("Choose when to be reminded from the list."))
        defaults["reminder_hours"] = reminder_hours
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults=defaults
    )
    return preference
