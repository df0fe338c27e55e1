"""An unconfirmed request is deleted by retention after 48 hours and leaves nothing personal:
not the request, not an undelivered confirmation, not the body of a delivered one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from creneau.notifications.models import OutboundMessage
from creneau.privacy.retention import retention_apply
from creneau.rights.models import RightsRequest
from creneau.rights.rights_requests import rights_request_confirm, rights_request_submit

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 12, 8, 0, tzinfo=UTC)


def submit(email: str) -> RightsRequest:
    return rights_request_submit(
        first_name="Léa",
        last_name="Bernard",
        email=email,
        right="access",
        statement="",
        language="en",
        now=NOW,
    )


def test_after_48_hours_unconfirmed_requests_are_purged_and_confirmed_ones_stay():
    submit("lea@example.org")
    confirmed = rights_request_confirm(request=submit("marc@example.org"), now=NOW)

    with time_machine.travel(NOW + timedelta(hours=47), tick=False):
        assert retention_apply(now=timezone.now()).counts["unconfirmed_rights_requests_purged"] == 0
    with time_machine.travel(NOW + timedelta(hours=49), tick=False):
        counts = retention_apply(now=timezone.now()).counts

    assert counts["unconfirmed_rights_requests_purged"] == 1
    assert list(RightsRequest.objects.values_list("pk", flat=True)) == [confirmed.pk]
    assert not OutboundMessage.objects.filter(to_address="lea@example.org").exists()
