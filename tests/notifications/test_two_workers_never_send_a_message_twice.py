"""Two workers never send one message twice.

Two real workers on one queue (PostgreSQL in `make test-pg`, SQLite otherwise), each message
queued twice: each message reaches the SMTP server exactly once. Then the race itself, made
deterministic: the first worker's claim is held open at the moment it has read the row while the
second worker claims the same row. On PostgreSQL the second one skips the locked row at once
(SELECT ... FOR UPDATE SKIP LOCKED) instead of waiting; on SQLite its write transaction waits for
the first one's, then finds the row taken. The control replaces the claim by a plain read then
write: the same interleaving sends the message twice, so the test does catch a broken claim.
"""

from __future__ import annotations

import secrets
import threading
from collections import Counter

import pytest
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from creneau.notifications import delivery
from creneau.notifications.models import Channel, MessageStatus, OutboundMessage
from creneau.notifications.outbox import message_store
from creneau.notifications.tasks import deliver_message
from tests.notifications.conftest import DATABASE_TASKS, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

TIMEOUT = 120  # seconds; generous, for a loaded machine: nothing here waits on a clock


def test_two_workers_racing_for_the_same_messages_send_each_exactly_once(smtp, processes):
    # The first delivery is held at the SMTP server until every other task is done: its worker
    # is stuck in it, so the other worker takes all the rest, the held message's second task
    # included (it finds the row claimed). Both take part, however the machine schedules them.
    smtp.recorder.hold = "rcpt"
    processes.env["EMAIL_URL"] = f"{smtp.url}/?timeout={TIMEOUT * 3}"
    processes.env["NOTIFICATIONS_CLAIM_TIMEOUT_SECONDS"] = str(TIMEOUT * 10)
    processes.start_worker("one")
    processes.start_worker("two")
    wait_until(
        lambda: processes.logs().count("Starting worker") == 2,
        timeout=TIMEOUT,
        what="both workers polling",
    )

    messages = []
    for i in range(40):
        message = message_store(
            channel=Channel.EMAIL,
            template="test",
            language="en",
            to_address=f"guest{i}@example.org",
            subject=f"Message {i}",
            body_text=f"Body {i}\n",
            now=timezone.now(),
        )
        deliver_message.enqueue(message.pk)  # a second task for the same message
        messages.append(message)
    assert smtp.recorder.holding.wait(TIMEOUT), "no delivery reached the SMTP server"
    wait_until(
        lambda: DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 79,
        timeout=TIMEOUT,
        what="the free worker through the rest of the queue",
    )
    smtp.recorder.release()
    wait_until(
        lambda: DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 80,
        timeout=TIMEOUT,
        what="both workers through the queue",
    )

    assert DBTaskResult.objects.count() == 80
    worker_ids = set()
    for result in DBTaskResult.objects.all():
        worker_ids.update(result.worker_ids)
    assert len(worker_ids) == 2  # both took part
    outcomes = Counter(DBTaskResult.objects.values_list("return_value", flat=True))
    assert outcomes == {"sent": 40, "skipped": 40}  # every second task found its message taken
    assert smtp.recorder.message_ids() == {m.message_id: 1 for m in messages}
    assert OutboundMessage.objects.filter(status="sent", attempts=1).count() == 40


# --- The race, made deterministic --------------------------------------------------------------


class Worker(threading.Thread):
    """`message_deliver` in a thread of its own, hence on a database connection of its own.

    `hold` makes it stop right after its claim has read the message's row (on PostgreSQL the
    row is then locked, on SQLite the write transaction is open) until `release` is set.
    `began` is set just before its first statement, the moment it starts claiming.
    """

    def __init__(self, message_pk: int, *, hold: bool = False) -> None:
        super().__init__(daemon=True)
        self.message_pk = message_pk
        self.hold = hold
        self.began = threading.Event()
        self.holding = threading.Event()
        self.release = threading.Event()
        self.outcome: str | None = None
        self.error: BaseException | None = None

    def _hook(self, execute, sql, params, many, context):
        self.began.set()
        result = execute(sql, params, many, context)
        reads_the_row = sql.lstrip().upper().startswith("SELECT") and (
            "notifications_outboundmessage" in sql
        )
        if self.hold and reads_the_row and not self.holding.is_set():
            self.holding.set()
            if not self.release.wait(TIMEOUT):
                raise AssertionError("the held claim was never released")
        return result

    def run(self) -> None:
        try:
            with connection.execute_wrapper(self._hook):
                self.outcome = delivery.message_deliver(message_pk=self.message_pk)
        except BaseException as error:  # reported by the test, not lost in the thread
            self.error = error
        finally:
            connection.close()

    def finish(self) -> str | None:
        self.join(TIMEOUT)
        assert not self.is_alive(), "a worker is still running"
        if self.error is not None:
            raise self.error
        return self.outcome


@pytest.fixture
def queued(settings, smtp) -> OutboundMessage:
    """One message in the outbox, its task in a queue no worker reads."""
    settings.TASKS = DATABASE_TASKS
    return message_store(
        channel=Channel.EMAIL,
        template="test",
        language="en",
        to_address="guest@example.org",
        subject="One message",
        body_text="Body\n",
        now=timezone.now(),
    )


def race(message: OutboundMessage) -> tuple[Worker, Worker]:
    """The first worker reads the row and holds its claim open; the second claims meanwhile."""
    first, second = Worker(message.pk, hold=True), Worker(message.pk)
    first.start()
    assert first.holding.wait(TIMEOUT), "the first worker never read the row"
    second.start()
    if connection.vendor == "sqlite":
        # One writer at a time: the second claim's BEGIN IMMEDIATE waits for the first's
        # transaction, so the first must go on for the second to get anywhere.
        assert second.began.wait(TIMEOUT)
    else:
        # The row is locked by the first claim; the second claim must not wait for it.
        second.join(TIMEOUT)
        assert not second.is_alive(), "the second worker waited for the first one's lock"
    first.release.set()
    return first, second


def test_a_worker_claiming_a_row_another_holds_leaves_it_and_it_is_sent_once(queued, smtp):
    first, second = race(queued)

    assert (first.finish(), second.finish()) == ("sent", "skipped")
    assert smtp.recorder.message_ids() == {queued.message_id: 1}
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (MessageStatus.SENT, 1)


def claim_without_locking(message_pk, now):
    """A claim without SKIP LOCKED nor compare-and-set: read the row, then take it."""
    message = OutboundMessage.objects.filter(delivery._claimable(now), pk=message_pk).first()
    if message is None:
        return None
    token = f"naive:{secrets.token_hex(4)}"
    OutboundMessage.objects.filter(pk=message_pk).update(
        status=MessageStatus.SENDING, attempts=F("attempts") + 1, claimed_at=now, claimed_by=token
    )
    message.status, message.claimed_at, message.claimed_by = MessageStatus.SENDING, now, token
    message.attempts += 1
    return message


def test_control_without_the_locking_claim_the_same_race_sends_the_message_twice(
    queued, smtp, monkeypatch
):
    monkeypatch.setattr(delivery, "_claim", claim_without_locking)

    first, second = Worker(queued.pk, hold=True), Worker(queued.pk)
    first.start()
    assert first.holding.wait(TIMEOUT)
    second.start()
    assert second.finish() == "sent"  # nothing held it back: it read the row as pending too
    first.release.set()

    assert first.finish() == "sent"
    smtp.recorder.wait_for(2)
    assert smtp.recorder.message_ids() == {queued.message_id: 2}
