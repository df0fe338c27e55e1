"""The desk rejects a request with a reason; the person is told the reason and their remedies,
and the note history keeps every step."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from creneau.notifications.models import OutboundMessage
from creneau.rights.models import RightsRequest
from creneau.rights.rights_requests import rights_request_register

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 12, 8, 0, tzinfo=UTC)


@pytest.fixture
def desk(make_user, settings) -> Client:
    officer = make_user("dpo@creneau.example", is_staff=True)
    officer.user_permissions.add(Permission.objects.get(codename="handle_rightsrequest"))
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(officer)
    return client


@pytest.fixture
def rights_request():
    return rights_request_register(
        actor=None,
        first_name="Paul",
        last_name="Durand",
        email="paul@example.org",
        right="erasure",
        statement="",
        now=NOW,
    )


def test_a_rejection_tells_the_person_why(desk, rights_request, mailoutbox):
    url = reverse("privacy:desk_request", args=[rights_request.reference])
    desk.post(url, {"action": "note", "text": "Called the salon."})
    response = desk.post(url, {"action": "reject", "reason": "Manifestly excessive: 12th request."})

    assert response.status_code == 302
    rights_request.refresh_from_db()
    assert rights_request.status == RightsRequest.Status.REJECTED
    assert rights_request.outcome == "Manifestly excessive: 12th request."
    message = OutboundMessage.objects.get(template="rights_request_rejected")
    assert message.erase_after_send
    assert [n.text for n in rights_request.notes.all()][1:] == [
        "Called the salon.",
        "Rejected: Manifestly excessive: 12th request.",
    ]
    page = desk.get(url).content.decode()
    assert "Called the salon." in page


def test_a_rejection_needs_a_reason(desk, rights_request):
    url = reverse("privacy:desk_request", args=[rights_request.reference])
    response = desk.post(url, {"action": "reject", "reason": ""})

    assert response.status_code == 200
    rights_request.refresh_from_db()
    assert rights_request.status == RightsRequest.Status.RECEIVED
