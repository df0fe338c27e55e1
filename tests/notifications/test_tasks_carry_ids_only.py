"""The task queue holds ids, never personal data: the delivery task's only argument is the
outbox row's id."""

from __future__ import annotations

import json

import pytest
from django_tasks_db.models import DBTaskResult

from creneau.notifications.models import OutboundMessage
from tests.conftest import paris
from tests.notifications.conftest import DATABASE_TASKS
from tests.notifications.helpers import book

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_queued_tasks_name_the_message_by_id_and_nothing_else(settings, salon, customer):
    settings.TASKS = DATABASE_TASKS
    book(salon, customer, paris(2026, 12, 10, 10))

    message = OutboundMessage.objects.get()
    (task,) = DBTaskResult.objects.all()
    assert task.task_path == "creneau.notifications.tasks.deliver_message"
    assert task.args_kwargs == {"args": [message.pk], "kwargs": {}}
    stored = json.dumps(list(DBTaskResult.objects.values()), default=str)
    for personal in (customer.email, customer.first_name, customer.last_name, "612345678"):
        assert personal not in stored
