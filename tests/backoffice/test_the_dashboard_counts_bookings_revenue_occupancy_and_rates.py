"""The dashboard: bookings and revenue per day over the last and next 30 days, occupancy per
staff member, cancellation and no-show rates; as SVG charts with the same figures in tables."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine

from creneau.bookings.dashboard import salon_dashboard
from creneau.bookings.salon import booking_mark_outcome
from creneau.bookings.services import booking_cancel
from tests.backoffice.conftest import NOW, THURSDAY

pytestmark = pytest.mark.django_db
LATER = THURSDAY + timedelta(days=14)  # the dashboard is read two weeks after the bookings


@pytest.fixture
def history(salon, manager, customer, other_customer, book):
    """Thursday 10 December: Alice, a cut done (35 €) and a colour missed; Chloé, a cut
    cancelled by the customer and a colour done (60 €)."""
    done = book(customer, staff_index=0)
    missed = book(
        other_customer, staff_index=0, start=THURSDAY + timedelta(hours=1), service="colour"
    )
    cancelled = book(customer, staff_index=2)
    coloured = book(
        other_customer, staff_index=2, start=THURSDAY + timedelta(hours=4), service="colour"
    )
    booking_cancel(booking=cancelled, actor=customer, now=NOW)
    after = THURSDAY + timedelta(hours=6)
    booking_mark_outcome(booking=done, actor=manager, outcome="completed", now=after)
    booking_mark_outcome(booking=missed, actor=manager, outcome="no_show", now=after)
    booking_mark_outcome(booking=coloured, actor=manager, outcome="completed", now=after)


def test_bookings_and_revenue_are_counted_on_their_local_day(salon, manager, history):
    figures = salon_dashboard(actor=manager, business=salon, now=LATER)
    thursday = next(d for d in figures.past if d.day == THURSDAY.date())
    assert thursday.bookings == 3  # the cancelled one does not count
    assert thursday.revenue == Decimal("95.00")  # the no-show brings nothing
    assert figures.revenue_past == Decimal("95.00")
    assert len(figures.past) == len(figures.upcoming) == 30


def test_the_rates_are_over_the_last_30_days(salon, manager, history):
    figures = salon_dashboard(actor=manager, business=salon, now=LATER)
    assert (figures.bookings_past, figures.cancelled_past, figures.no_show_past) == (4, 1, 1)
    assert figures.cancellation_rate == 25
    assert figures.no_show_rate == 33


def test_occupancy_is_booked_time_over_working_time(salon, manager, history):
    figures = salon_dashboard(actor=manager, business=salon, now=LATER)
    alice = figures.occupancy_past[0]
    # 30 days from 26 Nov: 26 working days of 8 hours (Mondays to Saturdays).
    assert alice.worked_minutes == 26 * 8 * 60
    assert alice.booked_minutes == 30 + 60


def test_the_page_draws_accessible_charts_and_the_tables(salon, manager, history, login):
    with time_machine.travel(LATER, tick=False):
        html = login(manager).get("/pro/salon-test/dashboard/").content.decode()
    assert html.count('<svg role="img"') == 3
    assert '<title id="chart-bookings-title">' in html
    assert "Bookings and revenue per day" in html
    assert "Occupancy per staff member" in html
    assert "25 %" in html and "33 %" in html
