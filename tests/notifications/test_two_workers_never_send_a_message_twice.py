"""Two real workers on one queue (PostgreSQL in `make test-pg`, SQLite otherwise), each message
queued twice so both workers go for the same rows at the same moment: each message reaches the
SMTP server exactly once."""

from __future__ import annotations

from collections import Counter

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from creneau.notifications.models import Channel, OutboundMessage
from creneau.notifications.outbox import message_store
from creneau.notifications.tasks import deliver_message
from tests.notifications.conftest import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_workers_racing_for_the_same_messages_send_each_exactly_once(smtp, processes):
    processes.start_worker("one")
    processes.start_worker("two")
    wait_until(lambda: processes.logs().count("Starting worker") == 2, what="both workers polling")

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
    wait_until(
        lambda: DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 80,
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
