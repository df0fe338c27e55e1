"""seed_demo fills the demo salons' agendas with bookings that never overlap, and works out
their availability summaries, so the demo's search shows free times at once."""

from __future__ import annotations

from datetime import date
from io import StringIO
from itertools import pairwise

from django.core.management import call_command
from django.db.models import F

from creneau.bookings.models import (
    ACTIVE_STATUSES,
    AvailabilitySummary,
    AvailabilitySummaryState,
    Booking,
)


def test_seed_demo_books_part_of_each_agenda_without_overlaps(db):
    out = StringIO()
    call_command(
        "seed_demo", "--salons", "12", "--today", date.today().isoformat(), "--no-users", stdout=out
    )
    assert "demo bookings" in out.getvalue()
    assert Booking.objects.count() > 100
    # A cancelled booking holds no time: another one may take it, as in a real agenda.
    bookings = list(
        Booking.objects.filter(status__in=ACTIVE_STATUSES).order_by("staff_id", "start")
    )
    assert len(bookings) > 100
    for before, after in pairwise(bookings):
        if before.staff_id == after.staff_id:
            assert before.blocked_until <= after.start
    assert not Booking.objects.exclude(business_id=F("staff__business_id")).exists()
    assert AvailabilitySummaryState.objects.count() == 12
    assert AvailabilitySummary.objects.exists()
