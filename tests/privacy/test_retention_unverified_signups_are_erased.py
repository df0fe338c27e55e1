"""A sign-up whose address was never verified and who never booked goes after 7 days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from creneau.accounts.models import User
from creneau.notifications.models import OutboundMessage
from creneau.privacy.retention import retention_apply

pytestmark = pytest.mark.django_db

JOINED = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)


def run(when: datetime) -> dict[str, int]:
    with time_machine.travel(when, tick=False):
        return retention_apply(now=timezone.now()).counts


def test_it_erases_an_unverified_sign_up_after_7_days_without_an_email(make_user):
    with time_machine.travel(JOINED, tick=False):
        unverified = make_user(verified=False)
        verified = make_user("jean.martin@example.org", phone="+33698765432")

    assert run(JOINED + timedelta(days=6))["unverified_signups_erased"] == 0
    assert run(JOINED + timedelta(days=7, minutes=1))["unverified_signups_erased"] == 1

    assert not User.objects.filter(pk=unverified.pk).exists()
    assert User.objects.filter(pk=verified.pk).exists()
    assert not OutboundMessage.objects.filter(to_address=unverified.email).exists()


def test_an_unverified_account_that_booked_is_kept(make_user, salon):
    from creneau.bookings.models import Booking

    with time_machine.travel(JOINED, tick=False):
        unverified = make_user(verified=False)
    Booking.objects.create(
        business=salon,
        customer=unverified,
        staff=salon.test_staff[0],
        start=JOINED + timedelta(days=1),
        end=JOINED + timedelta(days=1, minutes=30),
        blocked_until=JOINED + timedelta(days=1, minutes=40),
        total_price="35.00",
        created_at=JOINED,
        updated_at=JOINED,
    )

    assert run(JOINED + timedelta(days=30))["unverified_signups_erased"] == 0
    assert User.objects.filter(pk=unverified.pk).exists()
