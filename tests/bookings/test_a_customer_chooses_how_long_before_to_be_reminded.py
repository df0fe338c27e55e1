"""A customer chooses when to be reminded (2, 24 or 48 hours before) in their account; without
a choice the salon's setting holds; a salon that sends no reminders sends none either way."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from creneau.bookings.errors import InvalidBooking
from creneau.bookings.models import NotificationPreference
from creneau.bookings.preferences import notification_preference_set
from creneau.notifications.models import OutboundMessage
from tests.conftest import paris
from tests.notifications.helpers import NOW, book

pytestmark = pytest.mark.django_db(transaction=True)

START = paris(2026, 12, 10, 10)  # a Thursday; booked on Monday 7th


def clock_at(moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        call_command("clock", "--once")


def reminded() -> int:
    return OutboundMessage.objects.filter(template="booking_reminder").count()


@pytest.fixture
def booking(salon, customer):
    with time_machine.travel(NOW, tick=False):
        return book(salon, customer, START)


def test_two_days_before_when_the_customer_asks_so(booking, customer):
    notification_preference_set(
        user=customer, email_reminders=True, sms_reminders=False, reminder_hours=48
    )
    clock_at(START - timedelta(hours=48, minutes=1))
    assert reminded() == 0
    clock_at(START - timedelta(hours=48))
    assert reminded() == 1
    clock_at(START - timedelta(hours=24))  # the salon's time: nothing more
    assert reminded() == 1


def test_two_hours_before_overrides_the_salons_day_before(booking, customer):
    notification_preference_set(
        user=customer, email_reminders=True, sms_reminders=False, reminder_hours=2
    )
    clock_at(START - timedelta(hours=24))
    assert reminded() == 0
    clock_at(START - timedelta(hours=2))
    assert reminded() == 1


def test_no_choice_keeps_the_salons_and_a_salon_without_reminders_sends_none(
    booking, customer, salon
):
    notification_preference_set(user=customer, email_reminders=True, sms_reminders=False)
    assert NotificationPreference.objects.get(user=customer).reminder_hours is None
    clock_at(START - timedelta(hours=24))
    assert reminded() == 1

    OutboundMessage.objects.all().delete()
    salon.reminder_hours = 0
    salon.save(update_fields=["reminder_hours"])
    notification_preference_set(
        user=customer, email_reminders=True, sms_reminders=False, reminder_hours=2
    )
    clock_at(START - timedelta(hours=2))
    assert reminded() == 0


def test_the_account_page_saves_the_choice_and_refuses_another_value(client, customer):
    client.force_login(customer)
    url = reverse("account_hub:reminders")
    client.post(url, {"email_reminders": "on", "reminder_hours": "48"})
    assert NotificationPreference.objects.get(user=customer).reminder_hours == 48
    client.post(url, {"email_reminders": "on", "reminder_hours": "7"})
    assert NotificationPreference.objects.get(user=customer).reminder_hours == 48
    client.post(url, {"email_reminders": "on", "reminder_hours": ""})
    assert NotificationPreference.objects.get(user=customer).reminder_hours is None
    with pytest.raises(InvalidBooking):
        notification_preference_set(
            user=customer, email_reminders=True, sms_reminders=False, reminder_hours=5
        )
    hub = client.get(reverse("account_hub:hub")).content.decode()
    assert 'name="reminder_hours"' in hub
