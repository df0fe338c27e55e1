"""A worker killed with SIGKILL in the middle of a delivery: after a restart every message is
sent, and none twice as counted by Message-ID at the SMTP server.

The task queue leaves the killed worker's task "running" for ever; the outbox row it had
claimed is taken back by the clock's sweep once the claim timeout has passed. Two moments are
tried: before the server has the message (it arrives once), and after the server has it but
before it answered (the worker could not know: it is sent again with the same Message-ID, so
the two copies are one message for the receiving side; docs/notifications.md).
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from creneau.notifications.models import Channel, OutboundMessage
from creneau.notifications.outbox import message_store
from tests.notifications.conftest import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

CLAIM_TIMEOUT = timedelta(seconds=2)  # NOTIFICATIONS_CLAIM_TIMEOUT_SECONDS of the processes


def queue_messages(count: int) -> list[OutboundMessage]:
    return [
        message_store(
            channel=Channel.EMAIL,
            template="test",
            language="en",
            to_address=f"guest{i}@example.org",
            subject=f"Message {i}",
            body_text=f"Body {i}\n",
            now=timezone.now(),
        )
        for i in range(count)
    ]


@pytest.mark.parametrize(
    ("stage", "copies_of_the_interrupted_one"),
    [("rcpt", 1), ("data", 2)],
    ids=["before-the-server-has-it", "after-the-server-has-it"],
)
def test_every_message_is_sent_after_a_restart_and_none_twice_by_message_id(
    stage, copies_of_the_interrupted_one, smtp_server, processes
):
    processes.env["NOTIFICATIONS_CLAIM_TIMEOUT_SECONDS"] = str(CLAIM_TIMEOUT.seconds)
    smtp_server.recorder.hold = stage
    smtp_server.start()
    messages = queue_messages(20)
    all_ids = {m.message_id for m in messages}

    first = processes.start_worker("first")
    assert smtp_server.recorder.holding.wait(30), processes.logs()
    processes.kill(first)  # SIGKILL: no handler, no cleanup
    smtp_server.recorder.release()

    interrupted = OutboundMessage.objects.get(status="sending")
    processes.start_worker("second")
    wait_until(
        lambda: OutboundMessage.objects.filter(status="sent").count() == 19,
        what="the 19 other messages",
    )
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 1  # stuck for ever

    wait_until(
        lambda: timezone.now() > interrupted.claimed_at + CLAIM_TIMEOUT,
        what="the claim timeout",
    )
    time.sleep(0.2)
    processes.run("clock", "--once")

    assert OutboundMessage.objects.filter(status="sent").count() == 20
    interrupted.refresh_from_db()
    assert interrupted.attempts == 2
    received = smtp_server.recorder.message_ids()
    assert set(received) == all_ids
    assert received[interrupted.message_id] == copies_of_the_interrupted_one
    assert all(count == 1 for mid, count in received.items() if mid != interrupted.message_id)
