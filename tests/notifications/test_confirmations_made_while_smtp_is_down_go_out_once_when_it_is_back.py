"""The mail server is down while 20 bookings are made: nothing is lost, nothing is doubled.

A real worker (`manage.py db_worker`) tries each confirmation, gets "connection refused", and
schedules a retry with backoff; once the server is back, every confirmation arrives exactly
once, counted by Message-ID at the server.
"""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from creneau.notifications.models import OutboundMessage
from tests.notifications.conftest import wait_until
from tests.notifications.helpers import book_many

pytestmark = pytest.mark.django_db(transaction=True)


def test_twenty_confirmations_wait_for_the_server_and_arrive_exactly_once(
    smtp_server, processes, salon, customer
):
    processes.start_worker()

    bookings = book_many(salon, customer, 20)

    messages = OutboundMessage.objects.filter(booking__in=bookings)
    assert messages.count() == 20  # one confirmation each; the test salon has no manager account
    # Each is tried, refused, and retried every second or so while the server is down.
    wait_until(
        lambda: not messages.filter(last_error="").exists(),
        what="a first failed try of every confirmation",
    )
    assert not messages.filter(status="sent").exists()
    errors = set(messages.values_list("last_error", flat=True))
    assert errors == {"ConnectionRefusedError: Connection refused"}

    smtp_server.start()
    wait_until(lambda: messages.filter(status="sent").count() == 20, what="all 20 sent")
    smtp_server.recorder.wait_for(20)
    # Retries still queued for messages already sent must find nothing to do.
    wait_until(
        lambda: not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists(),
        what="an empty task queue",
    )

    received = smtp_server.recorder.message_ids()
    assert received == dict.fromkeys(messages.values_list("message_id", flat=True), 1)
    assert not messages.filter(attempts__lt=2).exists()  # the first try failed for every one
    confirmations = {str(m["Subject"]) for m in smtp_server.recorder.messages}
    assert len(confirmations) == 1 and "Salon Test" in confirmations.pop()
