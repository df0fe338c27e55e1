"""Messages are written in the transaction of the change that causes them: a change rolled
back leaves no message, no task and sends nothing."""

from __future__ import annotations

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from creneau.bookings.models import Booking
from creneau.notifications.models import OutboundMessage
from tests.conftest import paris
from tests.notifications.conftest import DATABASE_TASKS
from tests.notifications.helpers import book

pytestmark = pytest.mark.django_db(transaction=True)

START = paris(2026, 12, 10, 10)


class Abandon(Exception):
    pass


def test_a_booking_rolled_back_leaves_no_message_and_nothing_is_sent(salon, customer, smtp):
    with pytest.raises(Abandon), transaction.atomic():
        book(salon, customer, START)
        assert OutboundMessage.objects.count() == 1  # written with the booking
        raise Abandon

    assert not Booking.objects.exists()
    assert not OutboundMessage.objects.exists()
    assert smtp.recorder.messages == []


def test_a_booking_rolled_back_queues_no_task(salon, customer, settings):
    settings.TASKS = DATABASE_TASKS
    with pytest.raises(Abandon), transaction.atomic():
        book(salon, customer, START)
        raise Abandon

    assert not DBTaskResult.objects.exists()


def test_the_same_booking_committed_is_confirmed(salon, customer, smtp):
    with transaction.atomic():
        booking = book(salon, customer, START)

    smtp.recorder.wait_for(1)
    assert OutboundMessage.objects.get(booking=booking).status == "sent"
