"""After bookings alone, the clock works out again only the days they are on, and the summary
is then what a whole refresh makes; after any other change to the salon it works out all of
it. The notes the bookings leave are consumed either way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from creneau.bookings.models import AvailabilitySummary, AvailabilitySummaryChange
from creneau.bookings.summary import (
    availability_summaries_refresh_due,
    availability_summary_refresh,
    changed_days,
    stale_salons,
)
from creneau.catalog.demo import demo_catalog_create
from creneau.catalog.models import Business, Closure
from tests.search.helpers import book_first_free

NOW = datetime(2026, 10, 20, 6, 0, tzinfo=UTC)


def _rows(business: Business) -> set[tuple]:
    return set(
        AvailabilitySummary.objects.filter(business=business).values_list(
            "service_key", "day", "period", "service_id", "first_start", "free_count"
        )
    )


def _stale(business: Business) -> Business:
    return stale_salons(now=NOW).get(pk=business.pk)


def test_a_booking_alone_is_worked_out_on_its_day_only(db, django_capture_on_commit_callbacks):
    demo_catalog_create(salons=4, seed=5, today=NOW.date())
    for business in Business.objects.all():
        availability_summary_refresh(business=business, now=NOW)
    business, start = book_first_free(django_capture_on_commit_callbacks)
    stale = _stale(business)
    days, notes = changed_days(
        stale, summary_version=stale.summary_version, summary_at=stale.summary_at, now=NOW
    )
    assert days == {start.astimezone(ZoneInfo(business.timezone)).date()}
    assert len(notes) == 1

    assert availability_summaries_refresh_due(now=NOW) == 1
    partial = _rows(business)
    assert not AvailabilitySummaryChange.objects.exists()
    availability_summary_refresh(business=business, now=NOW)
    assert _rows(business) == partial


def test_any_other_change_works_out_the_whole_summary(db, django_capture_on_commit_callbacks):
    demo_catalog_create(salons=4, seed=6, today=NOW.date())
    for business in Business.objects.all():
        availability_summary_refresh(business=business, now=NOW)
    business, _start = book_first_free(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        Closure.objects.create(
            business=business,
            start_date=NOW.date() + timedelta(days=3),
            end_date=NOW.date() + timedelta(days=3),
            label="Inventaire",
        )
    stale = _stale(business)
    days, notes = changed_days(
        stale, summary_version=stale.summary_version, summary_at=stale.summary_at, now=NOW
    )
    assert days is None
    assert len(notes) == 1

    assert availability_summaries_refresh_due(now=NOW) == 1
    assert not AvailabilitySummaryChange.objects.exists()
    # The closed day, three days after the booking, was worked out too.
    assert not AvailabilitySummary.objects.filter(
        business=business, day=NOW.date() + timedelta(days=3)
    ).exists()


def test_the_notes_of_an_unpublished_salon_do_not_pile_up(db):
    demo_catalog_create(salons=2, seed=7, today=NOW.date())
    hidden, shown = Business.objects.order_by("pk")
    Business.objects.filter(pk=hidden.pk).update(is_active=False)
    AvailabilitySummaryChange.objects.create(business=hidden, start=NOW + timedelta(days=1))
    availability_summaries_refresh_due(now=NOW)
    assert not AvailabilitySummaryChange.objects.filter(business=hidden).exists()
    assert AvailabilitySummary.objects.filter(business=shown).exists()
