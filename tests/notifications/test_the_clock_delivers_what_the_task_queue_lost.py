"""Nothing depends on the task queue surviving: a message whose task was lost is delivered by
the clock's sweep once it is overdue, and a failing clock job does not stop the others."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from creneau.notifications.clock import (
    clock_job_register,
    clock_job_unregister,
    clock_jobs,
    clock_tick,
)
from creneau.notifications.models import Channel, OutboundMessage
from creneau.notifications.outbox import message_store
from tests.notifications.conftest import DATABASE_TASKS

pytestmark = pytest.mark.django_db(transaction=True)

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def test_a_message_whose_task_was_lost_is_sent_by_the_clock(settings, smtp):
    settings.TASKS = DATABASE_TASKS  # queued, and no worker runs
    with time_machine.travel(T0, tick=False):
        message = message_store(
            channel=Channel.EMAIL,
            template="test",
            language="en",
            to_address="camille.dupont@example.org",
            subject="Hello",
            body_text="Hello\n",
            now=T0,
        )
    DBTaskResult.objects.all().delete()  # the queue lost it

    with time_machine.travel(T0 + timedelta(seconds=60), tick=False):
        call_command("clock", "--once")
    assert OutboundMessage.objects.get().status == "pending"  # not overdue yet: the queue's turn

    with time_machine.travel(T0 + timedelta(seconds=settings.NOTIFICATIONS_SWEEP_AFTER_SECONDS)):
        call_command("clock", "--once")
    message.refresh_from_db()
    assert message.status == "sent"
    assert smtp.recorder.message_ids() == {message.message_id: 1}


@pytest.fixture
def extra_jobs():
    names: list[str] = []

    def register(name, job):
        names.append(name)
        clock_job_register(name, job)

    yield register
    for name in names:
        clock_job_unregister(name)


def test_a_failing_job_does_not_stop_the_others(extra_jobs, caplog):
    ran = []

    def broken(*, now):
        raise RuntimeError("boom")

    def fine(*, now):
        ran.append(now)
        return 1

    extra_jobs("broken", broken)
    extra_jobs("fine", fine)
    results = clock_tick(now=T0)

    assert results["broken"] is None and results["fine"] == 1
    assert ran == [T0]
    assert "clock job broken failed" in caplog.text
    assert {"reminders", "outbox_sweep"} <= set(clock_jobs())
