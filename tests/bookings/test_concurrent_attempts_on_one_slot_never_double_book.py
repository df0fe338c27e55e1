"""No double booking, ever: real concurrent attempts, each thread with its own connection
(`tests/races.py`).

Runs on SQLite (IMMEDIATE transactions, triggers) and on PostgreSQL (row locks, exclusion
constraint) alike: `make test` runs the suite on both. Each test ends with the invariant query.
A control test removes the protection and shows the same race does produce overlaps, so these
tests are able to fail.
"""

from __future__ import annotations

import threading
from datetime import UTC, timedelta

import pytest
from django.db import connection
from django.utils import translation

from creneau.bookings.availability import availability_for
from creneau.bookings.errors import BookingError, SlotTaken
from creneau.bookings.models import Booking
from creneau.bookings.overlap import (
    install_overlap_guard,
    overlap_guard_present,
    overlapping_pairs,
    remove_overlap_guard,
)
from creneau.bookings.services import booking_create
from tests.conftest import paris
from tests.races import Race, race

pytestmark = pytest.mark.django_db(transaction=True)

NOW = paris(2026, 12, 7, 8).astimezone(UTC)
SLOT = paris(2026, 12, 8, 10)


def make_customers(make_user, n):
    return [make_user(f"racer{i}@example.org", phone=f"+336{i:08d}") for i in range(n)]


def tally(result: Race):
    """(booked, conflicts, errors): a conflict is the expected answer, anything else an error."""
    booked = [o for o in result.outcomes if isinstance(o, Booking)]
    errors = [o for o in result.outcomes if not isinstance(o, Booking | SlotTaken)]
    return len(booked), len(result.raised(SlotTaken)), errors


def report(name, result: Race):
    booked, conflicts, errors = tally(result)
    print(
        f"\nrace[{connection.vendor}] {name}: attempts={len(result.outcomes)} booked={booked} "
        f"conflicts={conflicts} errors={len(errors)} time={result.seconds:.2f}s"
    )


def test_fifty_attempts_on_one_slot_give_one_booking_and_49_conflicts(salon, make_user):
    customers = make_customers(make_user, 50)
    alice = salon.test_staff[0]
    cut = salon.test_services["cut"]

    result = race(
        50,
        lambda i: booking_create(
            customer=customers[i], business=salon, services=[cut], start=SLOT, staff=alice, now=NOW
        ),
    )
    report("one slot", result)
    booked, conflicts, errors = tally(result)
    assert errors == []
    assert (booked, conflicts) == (1, 49)
    assert Booking.objects.count() == 1
    assert overlapping_pairs(connection) == []


def test_overlapping_but_different_slots_of_one_staff_member_give_one_booking(salon, make_user):
    customers = make_customers(make_user, 20)
    alice = salon.test_staff[0]
    colour = salon.test_services["colour"]
    # 10:00, 10:15, ... : every pair of these one-hour appointments overlaps with its neighbours.
    starts = [SLOT + timedelta(minutes=15 * (i % 4)) for i in range(20)]

    result = race(
        20,
        lambda i: booking_create(
            customer=customers[i],
            business=salon,
            services=[colour],
            start=starts[i],
            staff=alice,
            now=NOW,
        ),
    )
    report("overlapping slots", result)
    booked, conflicts, errors = tally(result)
    assert errors == []
    assert booked == 1 and conflicts == 19
    assert overlapping_pairs(connection) == []


def test_anyone_with_three_staff_and_ten_attempts_gives_exactly_three(salon, make_user):
    customers = make_customers(make_user, 10)
    cut = salon.test_services["cut"]

    result = race(
        10,
        lambda i: booking_create(
            customer=customers[i], business=salon, services=[cut], start=SLOT, now=NOW
        ),
    )
    report("anyone", result)
    booked, conflicts, errors = tally(result)
    assert errors == []
    assert (booked, conflicts) == (3, 7)
    assert set(Booking.objects.values_list("staff_id", flat=True)) == {
        s.pk for s in salon.test_staff
    }
    assert overlapping_pairs(connection) == []


def test_the_database_refuses_an_overlap_even_when_the_code_does_not_check(salon, customer):
    alice = salon.test_staff[0]
    base = {"business": salon, "customer": customer, "staff": alice, "total_price": 10}
    Booking.objects.create(
        start=SLOT,
        end=SLOT + timedelta(minutes=30),
        blocked_until=SLOT + timedelta(minutes=40),
        **base,
    )
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Booking.objects.create(
            start=SLOT + timedelta(minutes=35),
            end=SLOT + timedelta(minutes=65),
            blocked_until=SLOT + timedelta(minutes=65),
            **base,
        )
    # touching is fine, and a cancelled booking holds nothing
    Booking.objects.create(
        start=SLOT + timedelta(minutes=40),
        end=SLOT + timedelta(minutes=70),
        blocked_until=SLOT + timedelta(minutes=70),
        **base,
    )
    Booking.objects.create(
        start=SLOT,
        end=SLOT + timedelta(minutes=30),
        blocked_until=SLOT + timedelta(minutes=30),
        status=Booking.Status.CANCELLED_BY_CUSTOMER,
        **base,
    )
    assert overlapping_pairs(connection) == []


def test_the_overlap_guard_is_installed_after_migrations():
    assert overlap_guard_present(connection)


def test_control_without_the_protection_the_same_race_double_books(salon, make_user):
    """Check-then-insert with no lock and no database guard: the race wins, overlaps appear."""
    customers = make_customers(make_user, 10)
    alice = salon.test_staff[0]
    cut = salon.test_services["cut"]
    remove_overlap_guard(connection)
    try:
        barrier = threading.Barrier(10)

        def naive(i):
            free = availability_for(
                business=salon,
                services=[cut],
                start_date=SLOT.date(),
                end_date=SLOT.date(),
                now=NOW,
                staff=alice,
            )
            assert SLOT in free.starts()
            barrier.wait()  # everyone has checked; now everyone writes
            return Booking.objects.create(
                business=salon,
                customer=customers[i],
                staff=alice,
                start=SLOT,
                end=SLOT + timedelta(minutes=30),
                blocked_until=SLOT + timedelta(minutes=40),
                total_price=35,
            )

        result = race(10, naive)
        report("control, unprotected", result)
        assert Booking.objects.count() > 1
        assert len(overlapping_pairs(connection)) > 0
    finally:
        Booking.objects.all().delete()
        install_overlap_guard(connection)
    assert overlap_guard_present(connection)


def test_a_lost_race_is_a_clear_conflict_not_an_error(salon, customer, other_customer):
    alice = salon.test_staff[0]
    cut = salon.test_services["cut"]
    booking_create(
        customer=customer, business=salon, services=[cut], start=SLOT, staff=alice, now=NOW
    )
    with pytest.raises(SlotTaken) as caught:
        booking_create(
            customer=other_customer,
            business=salon,
            services=[cut],
            start=SLOT,
            staff=alice,
            now=NOW,
        )
    assert isinstance(caught.value, BookingError)
    with translation.override("en"):
        assert "just been taken" in str(caught.value.message)
