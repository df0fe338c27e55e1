"""Tasks run by the worker (`manage.py db_worker`). Arguments are ids, never personal data.

The task queue does not retry and leaves a task "running" for ever when its worker is killed,
so a task here only starts a try: the outbox row keeps the state, the retries and the claim
(see `delivery.py` and docs/notifications.md).
"""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_message(message_pk: int) -> str:
    """Try to deliver outbox message `message_pk` once; the outcome is recorded on its row."""
    from creneau.notifications.delivery import message_deliver

    return message_deliver(message_pk=message_pk)
