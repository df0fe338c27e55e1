"""`schedule_load` reads weekly hours, time off and closures in three queries (two with the
hours given), the bookings' blocked time riding in the time-off query, whatever the size."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from creneau.bookings.models import Booking
from creneau.bookings.schedule import schedule_load
from creneau.catalog.models import Closure, StaffMember, TimeOff, WorkingHours
from tests.conftest import paris

pytestmark = pytest.mark.django_db

FIRST = date(2026, 12, 8)
LAST = date(2026, 12, 14)


@pytest.fixture
def busy_salon(salon):
    for n in range(5):
        member = StaffMember.objects.create(business=salon, display_name=f"Extra {n}")
        WorkingHours.objects.create(staff=member, weekday=1, start=time(10), end=time(16))
    alice, bruno = salon.test_staff[:2]
    TimeOff.objects.create(
        staff=alice, start=paris(2026, 12, 9, 13), end=paris(2026, 12, 9, 15), reason="dentist"
    )
    TimeOff.objects.create(staff=bruno, start=paris(2027, 1, 9, 13), end=paris(2027, 1, 9, 15))
    start = paris(2026, 12, 10, 10)
    Booking.objects.create(
        business=salon,
        staff=bruno,
        start=start,
        end=start + timedelta(minutes=30),
        blocked_until=start + timedelta(minutes=40),
        total_price="35.00",
    )
    Closure.objects.create(
        business=salon,
        start_date=date(2026, 12, 12),
        end_date=date(2026, 12, 13),
        label="Inventaire",
    )
    return salon


def test_hours_time_off_and_closures_are_three_queries(busy_salon, django_assert_num_queries):
    ids = list(StaffMember.objects.filter(business=busy_salon).values_list("pk", flat=True))
    alice, bruno = busy_salon.test_staff[:2]
    with django_assert_num_queries(3):
        schedule = schedule_load(business=busy_salon, staff_ids=ids, first_day=FIRST, last_day=LAST)
    assert len(schedule.hours) == 8
    assert schedule.hours[alice.pk][0] == [(time(9), time(12)), (time(13), time(18))]
    assert schedule.time_off[alice.pk] == [
        (paris(2026, 12, 9, 13), paris(2026, 12, 9, 15), "dentist")
    ]
    assert bruno.pk not in schedule.time_off  # his time off is next month
    assert schedule.blocked == {}
    assert schedule.closed_days([date(2026, 12, 11), date(2026, 12, 12), date(2026, 12, 13)]) == {
        date(2026, 12, 12): "Inventaire",
        date(2026, 12, 13): "Inventaire",
    }

    with django_assert_num_queries(2):
        with_bookings = schedule_load(
            business=busy_salon,
            staff_ids=ids,
            first_day=FIRST,
            last_day=LAST,
            hours=schedule.hours,
            bookings=True,
        )
    start = paris(2026, 12, 10, 10)
    assert with_bookings.busy(bruno.pk) == [(start, start + timedelta(minutes=40))]
    assert with_bookings.busy(alice.pk) == [(paris(2026, 12, 9, 13), paris(2026, 12, 9, 15))]
