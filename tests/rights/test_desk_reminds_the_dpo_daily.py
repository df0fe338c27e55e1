"""Once a day the clock e-mails the DPO address the requests due within 7 days and the overdue
ones: references and deadlines, nothing about the people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from creneau.notifications.clock import clock_tick
from creneau.notifications.models import OutboundMessage
from creneau.rights.rights_requests import rights_request_register

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 12, 8, 0, tzinfo=UTC)


def register(email: str, *, days_ago: int):
    return rights_request_register(
        actor=None,
        first_name="Léa",
        last_name="Bernard",
        email=email,
        right="access",
        statement="Private statement",
        now=NOW - timedelta(days=days_ago),
    )


def test_the_dpo_gets_due_and_overdue_references_once_a_day(settings):
    overdue = register("late@example.org", days_ago=31)
    soon = register("soon@example.org", days_ago=25)
    later = register("later@example.org", days_ago=1)

    with time_machine.travel(NOW, tick=False):
        clock_tick(now=NOW)
        clock_tick(now=NOW + timedelta(minutes=1))

    message = OutboundMessage.objects.get(template="rights_desk_reminder")
    assert message.to_address == settings.OPERATOR["DPO_EMAIL"]
    body = message.body_text + message.body_html
    assert overdue.reference in body and soon.reference in body
    assert later.reference not in body
    assert body.index(overdue.reference) < body.index(soon.reference)
    for personal in ("example.org", "Léa", "Bernard", "Private statement"):
        assert personal not in body

    next_day = NOW + timedelta(days=1)
    with time_machine.travel(next_day, tick=False):
        clock_tick(now=next_day)
    assert OutboundMessage.objects.filter(template="rights_desk_reminder").count() == 2


def test_nothing_is_sent_when_nothing_is_due():
    register("later@example.org", days_ago=1)

    clock_tick(now=NOW)

    assert not OutboundMessage.objects.filter(template="rights_desk_reminder").exists()
