"""Platform staff register a request received by letter or phone in the admin: it is received
at once, with its deadline and a note of who registered it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from creneau.rights.models import RightsRequest

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 12, 8, 0, tzinfo=UTC)


def test_a_request_added_in_the_admin_is_received_with_its_deadline(make_user):
    staff = make_user("dpo@creneau.example", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(staff)

    with time_machine.travel(NOW, tick=False):
        response = client.post(
            reverse("admin:rights_rightsrequest_add"),
            {
                "first_name": "Paul",
                "last_name": "Durand",
                "email": "paul.durand@example.org",
                "right": "access",
                "statement": "Letter of 5 May",
                "language": "fr",
            },
        )

    assert response.status_code == 302, response.content.decode()[:2000]
    request = RightsRequest.objects.get()
    assert request.status == RightsRequest.Status.RECEIVED
    assert request.registered_by == staff
    assert request.due_at == NOW + timedelta(days=30)
    assert request.notes.get().author == staff
