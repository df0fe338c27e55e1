"""The desk lists open requests by deadline, overdue ones first and highlighted, with the days
left; an account found for a request's address gets an audit entry when the request is opened."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from creneau.privacy.models import AuditEntry
from creneau.rights.rights_requests import rights_request_register

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 12, 8, 0, tzinfo=UTC)


@pytest.fixture
def officer_client(make_user, settings) -> Client:
    officer = make_user("dpo@creneau.example", is_staff=True)
    officer.user_permissions.add(Permission.objects.get(codename="handle_rightsrequest"))
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(officer)
    return client


def register(email: str, *, days_ago: int):
    return rights_request_register(
        actor=None,
        first_name="A",
        last_name="B",
        email=email,
        right="access",
        statement="",
        now=NOW - timedelta(days=days_ago),
    )


def test_overdue_requests_come_first_highlighted_then_by_deadline(officer_client):
    recent = register("recent@example.org", days_ago=1)
    overdue = register("late@example.org", days_ago=35)
    soon = register("soon@example.org", days_ago=27)

    with time_machine.travel(NOW, tick=False):
        page = officer_client.get(reverse("privacy:desk_requests")).content.decode()

    positions = [page.index(r.reference) for r in (overdue, soon, recent)]
    assert positions == sorted(positions)
    row = page[page.rindex("<tr", 0, positions[0]) : positions[0]]
    assert "desk-overdue" in row
    assert "Overdue (-5 days)" in page
    assert "late@example.org" not in page  # the list shows references, not people


def test_opening_a_request_matching_an_account_is_audited(officer_client, customer):
    request = register(customer.email, days_ago=1)

    with time_machine.travel(NOW, tick=False):
        page = officer_client.get(reverse("privacy:desk_request", args=[request.reference]))

    assert "1 account" in page.content.decode()
    entry = AuditEntry.objects.get(action="rights_request.viewed")
    assert entry.subject_user == customer
    assert entry.actor_label == "platform staff"
