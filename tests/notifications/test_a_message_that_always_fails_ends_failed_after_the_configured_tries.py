"""A message the mail server never takes is tried NOTIFICATIONS_MAX_ATTEMPTS times, further and
further apart, then marked failed with the server's answer; it is not tried again by itself."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from creneau.notifications.models import Channel, OutboundMessage
from creneau.notifications.outbox import message_store

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def three_tries(settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 60
    settings.NOTIFICATIONS_RETRY_MAX_SECONDS = 3600
    settings.NOTIFICATIONS_SWEEP_AFTER_SECONDS = 120


def queue_one() -> OutboundMessage:
    return message_store(
        channel=Channel.EMAIL,
        template="test",
        language="en",
        to_address="camille.dupont@example.org",
        subject="Hello",
        body_text="Hello\n",
        now=T0,
    )


def clock_at(moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        call_command("clock", "--once")


def test_it_is_marked_failed_after_the_configured_tries(three_tries, smtp_server):
    # smtp_server is never started: every connection is refused.
    with time_machine.travel(T0, tick=False):
        message = queue_one()  # first try, at once
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("pending", 1)
    assert message.next_attempt_at == T0 + timedelta(seconds=60)

    second = message.next_attempt_at + timedelta(seconds=120)  # the clock's sweep
    clock_at(second)
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("pending", 2)
    assert message.next_attempt_at == second + timedelta(seconds=120)  # twice as long

    third = message.next_attempt_at + timedelta(seconds=120)
    clock_at(third)
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", 3)
    assert message.next_attempt_at is None
    assert message.last_error == "ConnectionRefusedError: Connection refused"

    clock_at(third + timedelta(days=1))
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", 3)


def test_a_message_is_not_tried_again_before_its_time(three_tries, smtp_server):
    with time_machine.travel(T0, tick=False):
        message = queue_one()
    clock_at(T0 + timedelta(seconds=59))
    message.refresh_from_db()
    assert message.attempts == 1


def test_the_servers_refusal_is_recorded_without_the_address(three_tries, smtp_server):
    smtp_server.start()

    async def refuse(server, session, envelope, address, rcpt_options):
        return "550 5.1.1 Mailbox unavailable"

    smtp_server.recorder.handle_RCPT = refuse
    with time_machine.travel(T0, tick=False):
        message = queue_one()
    message.refresh_from_db()
    assert message.last_error == "Recipient refused: 550 5.1.1 Mailbox unavailable"
    assert "camille" not in message.last_error
