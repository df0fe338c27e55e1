"""Reminders: sent by the clock `reminder_hours` (24 by default) before the appointment, once,
whether the clock runs every minute, twice, or late."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from creneau.bookings.services import booking_cancel, booking_reschedule
from creneau.notifications.models import OutboundMessage
from tests.conftest import paris
from tests.notifications.helpers import NOW, book

pytestmark = pytest.mark.django_db(transaction=True)

START = paris(2026, 12, 10, 10)  # a Thursday; booked on Monday 7th


def clock_at(moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        call_command("clock", "--once")


def reminders() -> list[OutboundMessage]:
    return list(OutboundMessage.objects.filter(template="booking_reminder"))


@pytest.fixture
def booking(salon, customer):
    with time_machine.travel(NOW, tick=False):
        return book(salon, customer, START)


def test_the_reminder_goes_out_24_hours_before_and_only_once(booking):
    day_before = START - timedelta(hours=24)

    clock_at(day_before - timedelta(minutes=1))
    assert reminders() == []

    clock_at(day_before)
    clock_at(day_before)  # a second clock, or cron overlapping
    clock_at(day_before + timedelta(minutes=1))
    clock_at(START - timedelta(hours=1))

    (reminder,) = reminders()
    assert reminder.status == "sent"
    assert reminder.created_at == day_before
    sent = [m for m in mail.outbox if m.extra_headers["Message-ID"] == reminder.message_id]
    assert len(sent) == 1
    assert sent[0].to == ["camille.dupont@example.org"]


def test_the_salons_setting_decides_how_long_before(booking, salon):
    salon.reminder_hours = 2
    salon.save(update_fields=["reminder_hours"])

    clock_at(START - timedelta(hours=24))
    assert reminders() == []
    clock_at(START - timedelta(hours=2))
    assert len(reminders()) == 1


def test_a_salon_that_turned_reminders_off_sends_none(booking, salon):
    salon.reminder_hours = 0
    salon.save(update_fields=["reminder_hours"])

    clock_at(START - timedelta(hours=1))
    assert reminders() == []


def test_a_late_clock_still_reminds_before_the_appointment_but_not_after(booking):
    clock_at(START - timedelta(hours=3))  # the clock was down all day
    assert len(reminders()) == 1


def test_no_reminder_once_the_appointment_has_started(booking):
    clock_at(START + timedelta(minutes=1))
    assert reminders() == []


def test_a_cancelled_booking_is_not_reminded(booking, customer):
    booking_cancel(booking=booking, actor=customer, now=NOW)

    clock_at(START - timedelta(hours=24))
    assert reminders() == []


def test_a_booking_made_inside_the_reminder_window_is_not_reminded(salon, customer):
    late = START - timedelta(hours=10)
    with time_machine.travel(late, tick=False):
        book(salon, customer, START, now=late.astimezone(UTC))

    clock_at(START - timedelta(hours=9))
    assert reminders() == []


def test_a_booking_moved_after_its_reminder_is_reminded_of_the_new_time(booking, salon, customer):
    salon.reminder_hours = 30  # reminded before the customer's 24-hour deadline to move it
    salon.save(update_fields=["reminder_hours"])
    clock_at(START - timedelta(hours=30))
    assert len(reminders()) == 1

    moved = START + timedelta(days=1)
    booking_reschedule(
        booking=booking, actor=customer, start=moved, now=START - timedelta(hours=26)
    )
    clock_at(START - timedelta(hours=25))
    assert len(reminders()) == 1
    clock_at(moved - timedelta(hours=30))
    assert len(reminders()) == 2
