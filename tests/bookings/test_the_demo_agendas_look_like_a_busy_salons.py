"""seed_demo gives each demo salon three months of history and a month ahead about 60 % booked
by demo customers, around time off and closures, the same for the same seed; the demo
customer has visits behind them and bookings ahead; the salon the demo professional owns has
bookings whatever the day."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from io import StringIO
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db.models import F

from creneau.bookings.demo import AHEAD_DAYS, HISTORY_DAYS, demo_agendas_fill
from creneau.bookings.models import ACTIVE_STATUSES, Booking, BookingStatus
from creneau.catalog.demo import DEMO_CUSTOMER_EMAIL
from creneau.catalog.models import Business, Closure, TimeOff, WorkingHours

TODAY = date(2026, 12, 6)  # a Sunday: the demo professional's salon still works


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--salons", "5", "--today", TODAY.isoformat(), *args, stdout=out)
    return out.getvalue()


def _minutes(start, end) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


@pytest.fixture
def demo(db) -> str:
    return seed()


def test_history_has_honoured_cancelled_and_missed_visits_and_nothing_older(demo):
    past = Booking.objects.filter(start__date__lt=TODAY)
    statuses = Counter(past.values_list("status", flat=True))
    total = sum(statuses.values())
    assert total > 1000
    assert statuses[BookingStatus.COMPLETED] / total > 0.75
    for rare in (
        BookingStatus.CANCELLED_BY_CUSTOMER,
        BookingStatus.CANCELLED_BY_BUSINESS,
        BookingStatus.NO_SHOW,
    ):
        assert 0 < statuses[rare] / total < 0.15
    assert statuses[BookingStatus.CONFIRMED] == 0
    first = min(past.values_list("start", flat=True))
    assert first.date() >= TODAY - timedelta(days=HISTORY_DAYS + 1)
    assert not Booking.objects.filter(
        start__date__gte=TODAY + timedelta(days=AHEAD_DAYS + 1)
    ).exists()
    cancelled = past.filter(status__startswith="cancelled")
    assert not cancelled.filter(cancelled_at__isnull=True).exists()
    assert all(b.cancelled_at < b.start for b in cancelled)


def test_the_month_ahead_is_about_sixty_percent_booked(demo):
    working = 0
    for hours in WorkingHours.objects.filter(staff__is_active=True):
        days = sum(
            1 for n in range(AHEAD_DAYS) if (TODAY + timedelta(days=n)).weekday() == hours.weekday
        )
        working += _minutes(hours.start, hours.end) * days
    booked = sum(
        (b.end - b.start).total_seconds() / 60
        for b in Booking.objects.filter(start__date__gte=TODAY, status__in=ACTIVE_STATUSES)
    )
    # Closures and time off take some working time away: the ratio is of the contracted hours.
    assert 0.45 < booked / working < 0.75


def test_bookings_never_overlap_nor_fall_in_closures_or_time_off(demo):
    held = Booking.objects.filter(status__in=ACTIVE_STATUSES).order_by("staff_id", "start")
    for before, after in pairwise(held):
        if before.staff_id == after.staff_id:
            assert before.blocked_until <= after.start
    closed = defaultdict(set)
    for closure in Closure.objects.all():
        day = closure.start_date
        while day <= closure.end_date:
            closed[closure.business_id].add(day)
            day += timedelta(days=1)
    away = defaultdict(list)
    for off in TimeOff.objects.all():
        away[off.staff_id].append((off.start, off.end))
    assert closed and away
    for booking in Booking.objects.select_related("business"):
        assert (
            booking.start.astimezone(ZoneInfo(booking.business.timezone)).date()
            not in closed[booking.business_id]
        )
        assert not any(a < booking.end and booking.start < b for a, b in away[booking.staff_id])


def test_regular_customers_book_and_the_demo_customer_has_a_past_and_a_future(demo):
    visits = Counter(
        Booking.objects.filter(customer__isnull=False).values_list("customer_id", flat=True)
    )
    assert len(visits) >= 20
    assert max(visits.values()) >= 10  # a customer file with a real history
    mine = Booking.objects.filter(customer__email=DEMO_CUSTOMER_EMAIL)
    assert mine.filter(start__date__lt=TODAY, status=BookingStatus.COMPLETED).count() == 3
    assert mine.filter(start__date__lt=TODAY, status__startswith="cancelled").count() == 1
    ahead = mine.filter(start__date__gte=TODAY, status=BookingStatus.CONFIRMED)
    assert ahead.count() == 2
    assert len({b.business_id for b in ahead}) == 2


def test_the_demo_professionals_salon_has_bookings_today_even_on_a_sunday(demo):
    first = Business.objects.order_by("pk").first()
    assert TODAY.weekday() == 6
    today = [
        b
        for b in Booking.objects.filter(business=first, status=BookingStatus.CONFIRMED)
        if b.start.astimezone(ZoneInfo(first.timezone)).date() == TODAY
    ]
    assert len(today) >= 3


def test_the_same_seed_gives_the_same_agendas(demo):
    def snapshot() -> list[tuple]:
        return list(
            Booking.objects.order_by(
                "staff_id", "start", "status", "customer_id", "total_price"
            ).values_list("staff_id", "start", "status", "customer_id", "total_price")
        )

    before = snapshot()
    ids = list(Business.objects.order_by("pk").values_list("pk", flat=True))
    Booking.objects.all().delete()
    demo_agendas_fill(business_ids=ids, today=TODAY, seed=2026)
    after = snapshot()
    assert after == before
    assert isinstance(after[0][1], datetime)


def test_without_accounts_the_agendas_are_filled_by_nobody(db):
    output = seed("--no-users")
    assert "for 0 demo customers" in output
    assert Booking.objects.filter(start__date__lt=TODAY).exists()
    assert not Booking.objects.filter(customer__isnull=False).exists()


def test_each_demo_booking_has_the_history_the_site_would_have_written(demo):
    from creneau.bookings.models import BookingEvent, BookingEventCode

    bookings = Booking.objects.count()
    assert BookingEvent.objects.filter(code=BookingEventCode.CREATED).count() == bookings
    cancelled = Booking.objects.filter(status__startswith="cancelled")
    assert BookingEvent.objects.filter(code=BookingEventCode.CANCELLED).count() == (
        cancelled.count()
    )
    missed = Booking.objects.filter(status=BookingStatus.NO_SHOW).first()
    codes = list(missed.events.order_by("at").values_list("code", "actor_kind", "staff_id"))
    assert codes == [
        (BookingEventCode.CREATED, "customer", None),
        (BookingEventCode.NO_SHOW, "salon", missed.staff_id),
    ]
    assert not BookingEvent.objects.filter(at__lt=F("booking__created_at")).exists()
