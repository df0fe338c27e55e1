"""A booking (or any change to what a salon's pages show) makes its summary stale; the clock's
job works it out again, and leaves the others alone until they age."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from creneau.bookings.summary import (
    MAX_AGE,
    availability_summaries_refresh_due,
    availability_summary_refresh,
)
from creneau.catalog.demo import demo_catalog_create
from creneau.catalog.models import Business
from tests.search.helpers import book_first_free

NOW = datetime(2026, 10, 20, 6, 0, tzinfo=UTC)


def test_a_booking_makes_only_its_salon_stale(db, django_capture_on_commit_callbacks):
    demo_catalog_create(salons=6, seed=5, today=NOW.date())
    for business in Business.objects.all():
        availability_summary_refresh(business=business, now=NOW)
    assert availability_summaries_refresh_due(now=NOW) == 0

    book_first_free(django_capture_on_commit_callbacks)
    later = NOW + timedelta(minutes=1)
    assert availability_summaries_refresh_due(now=later) == 1
    assert availability_summaries_refresh_due(now=later) == 0
    assert availability_summaries_refresh_due(now=NOW + MAX_AGE + timedelta(minutes=2)) == 6
