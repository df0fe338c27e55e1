"""A waiting customer's entries and offers are in their export and gone after erasure;
ended entries are purged 30 days after they ended."""

from __future__ import annotations

from datetime import timedelta

import pytest

from creneau.bookings.services import booking_cancel
from creneau.privacy.erasure import customer_erase
from creneau.privacy.export import export_collect
from creneau.privacy.retention import retention_apply
from creneau.waitlist.models import EntryStatus, WaitlistEntry, WaitlistOffer
from tests.waitlist.conftest import NOW

pytestmark = pytest.mark.django_db


def test_export_then_erasure(salon, booked_slot, waiters, django_capture_on_commit_callbacks):
    (waiter,) = waiters(1)
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booked_slot, actor=booked_slot.customer, now=NOW)
    (row,) = export_collect(user=waiter)["waitlist"]
    assert row["salon"] == "Salon Test" and row["weekdays"] == "3" and "(held)" in row["offers"]

    customer_erase(user=waiter, actor=waiter, reason="account", now=NOW)
    assert WaitlistEntry.objects.count() == 0
    assert WaitlistOffer.objects.count() == 0


def test_ended_entries_are_purged_after_30_days(salon, waiters, frozen):
    waiters(2)
    WaitlistEntry.objects.update(status=EntryStatus.LEFT, ended_at=NOW)
    retention_apply(now=NOW + timedelta(days=29))
    assert WaitlistEntry.objects.count() == 2
    run = retention_apply(now=NOW + timedelta(days=31))
    assert WaitlistEntry.objects.count() == 0
    assert run.counts["ended_waitlist_entries_purged"] == 2
