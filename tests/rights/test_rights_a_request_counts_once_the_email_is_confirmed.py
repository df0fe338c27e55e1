"""The public "exercise my rights" form: a request is received, with its 30-day deadline, only
once the requester opens the signed link sent to the address given."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from creneau.notifications.models import OutboundMessage
from creneau.rights.models import RightsRequest

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 12, 8, 0, tzinfo=UTC)
FORM = {
    "first_name": "Léa",
    "last_name": "Bernard",
    "email": "Lea.Bernard@example.org",
    "right": "erasure",
    "statement": "Please delete everything about me.",
}


@pytest.fixture
def visitor(settings) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def confirmation_link() -> str:
    message = OutboundMessage.objects.get(template="rights_request_confirm")
    return re.search(r"http\S+/privacy/rights/confirm/\S+/", message.body_text).group(0)


def test_the_form_records_an_unconfirmed_request_and_emails_a_link(visitor):
    with time_machine.travel(NOW, tick=False):
        response = visitor.post(reverse("privacy:rights_form"), FORM)

    assert response.status_code == 302
    request = RightsRequest.objects.get()
    assert request.status == RightsRequest.Status.UNCONFIRMED
    assert request.email == "lea.bernard@example.org"
    assert request.due_at is None
    message = OutboundMessage.objects.get(template="rights_request_confirm")
    assert message.to_address == "lea.bernard@example.org"
    assert message.erase_after_send is True
    assert request.reference in message.subject


def test_opening_the_link_asks_and_confirming_sets_the_30_day_deadline(visitor):
    with time_machine.travel(NOW, tick=False):
        visitor.post(reverse("privacy:rights_form"), FORM)
    path = confirmation_link().split("://", 1)[1].split("/", 1)[1]

    with time_machine.travel(NOW + timedelta(hours=3), tick=False):
        asked = visitor.get("/" + path)
        assert RightsRequest.objects.get().status == RightsRequest.Status.UNCONFIRMED
        confirmed = visitor.post("/" + path)

    assert "Confirm my request" in asked.content.decode()
    assert "is received" in confirmed.content.decode()
    request = RightsRequest.objects.get()
    assert request.status == RightsRequest.Status.RECEIVED
    assert request.confirmed_at == NOW + timedelta(hours=3)
    assert request.due_at == NOW + timedelta(hours=3, days=30)


def test_a_link_older_than_48_hours_or_forged_is_refused(visitor):
    with time_machine.travel(NOW, tick=False):
        visitor.post(reverse("privacy:rights_form"), FORM)
    path = "/" + confirmation_link().split("://", 1)[1].split("/", 1)[1]

    with time_machine.travel(NOW + timedelta(hours=49), tick=False):
        assert visitor.post(path).status_code == 400
    forged = reverse("privacy:rights_confirm", args=["eyJyciI6MX0:forged:signature"])
    assert visitor.post(forged).status_code == 400
    assert RightsRequest.objects.get().status == RightsRequest.Status.UNCONFIRMED


def test_the_form_requires_names_an_address_and_a_right(visitor):
    response = visitor.post(reverse("privacy:rights_form"), {"first_name": "Léa"})

    assert response.status_code == 200
    assert not RightsRequest.objects.exists()
