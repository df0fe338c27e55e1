"""Loading availability costs a fixed number of queries, whatever the size of the salon."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
import time_machine
from django.urls import reverse

from creneau.bookings.availability import availability_for, next_free_starts, salon_offer
from creneau.bookings.models import Booking
from creneau.catalog.models import Closure, StaffMember, TimeOff, WorkingHours
from tests.conftest import paris

pytestmark = pytest.mark.django_db

NOW = paris(2026, 12, 7, 8)  # Monday 08:00 in Paris
FIRST_DAY = date(2026, 12, 8)
LAST_DAY = date(2026, 12, 21)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def grow(salon, *, staff: int, bookings_per_day: int) -> None:
    """Add staff members (working and performing every service), bookings, time off and a
    closure, so that a query per staff member or per row would show in the counts."""
    services = list(salon.test_services.values())
    for n in range(staff):
        member = StaffMember.objects.create(business=salon, display_name=f"Extra {n}", position=9)
        WorkingHours.objects.bulk_create(
            WorkingHours(staff=member, weekday=day, start=time(9), end=time(18)) for day in range(6)
        )
        for service in services:
            service.staff.add(member)
    everyone = list(StaffMember.objects.filter(business=salon))
    rows = []
    for offset in range((LAST_DAY - FIRST_DAY).days + 1):
        day = FIRST_DAY + timedelta(days=offset)
        for member in everyone:
            for k in range(bookings_per_day):
                start = paris(day.year, day.month, day.day, 9 + k)
                rows.append(
                    Booking(
                        business=salon,
                        staff=member,
                        start=start,
                        end=start + timedelta(minutes=30),
                        blocked_until=start + timedelta(minutes=40),
                        total_price="35.00",
                    )
                )
    Booking.objects.bulk_create(rows)
    TimeOff.objects.create(
        staff=everyone[0], start=paris(2026, 12, 10, 13), end=paris(2026, 12, 10, 18)
    )
    Closure.objects.create(
        business=salon, start_date=date(2026, 12, 12), end_date=date(2026, 12, 12)
    )


SIZES = [
    pytest.param(0, 0, id="three staff, no booking"),
    pytest.param(7, 4, id="ten staff, forty bookings a day"),
]


def test_the_offer_of_a_salon_is_read_in_three_queries_then_kept_until_it_changes(
    salon, django_assert_num_queries, django_capture_on_commit_callbacks
):
    grow(salon, staff=7, bookings_per_day=1)
    with django_assert_num_queries(3):
        offer = salon_offer(salon)
    assert len(offer.staff) == 10
    assert len(offer.eligible([salon.test_services["cut"]])) == 10
    assert offer.hours[salon.test_staff[0].pk][0] == [(time(9), time(12)), (time(13), time(18))]
    with django_assert_num_queries(0):
        assert salon_offer(salon).staff.keys() == offer.staff.keys()

    # A staff member leaves: committed, the salon's public_version moves on, the offer is read
    # again without them.
    with django_capture_on_commit_callbacks(execute=True):
        leaving = salon.test_staff[2]
        leaving.is_active = False
        leaving.save(update_fields=["is_active"])
    salon.refresh_from_db()
    with django_assert_num_queries(3):
        assert len(salon_offer(salon).staff) == 9


@pytest.mark.parametrize(("staff", "bookings_per_day"), SIZES)
def test_availability_with_an_offer_is_two_queries_whatever_the_size(
    salon, staff, bookings_per_day, django_assert_num_queries
):
    grow(salon, staff=staff, bookings_per_day=bookings_per_day)
    offer = salon_offer(salon)
    with django_assert_num_queries(2):
        availability = availability_for(
            business=salon,
            services=[salon.test_services["cut"]],
            start_date=FIRST_DAY,
            end_date=LAST_DAY,
            now=NOW,
            offer=offer,
        )
    assert availability.slots


@pytest.mark.parametrize(("staff", "bookings_per_day"), SIZES)
def test_availability_of_one_staff_member_is_two_queries_too(
    salon, staff, bookings_per_day, django_assert_num_queries
):
    grow(salon, staff=staff, bookings_per_day=bookings_per_day)
    offer = salon_offer(salon)
    with django_assert_num_queries(2):
        availability = availability_for(
            business=salon,
            services=[salon.test_services["cut"], salon.test_services["colour"]],
            start_date=FIRST_DAY,
            end_date=LAST_DAY,
            now=NOW,
            staff=salon.test_staff[1],
            offer=offer,
        )
    assert {ids for _start, ids in availability.slots} == {(salon.test_staff[1].pk,)}


@pytest.mark.parametrize(("staff", "bookings_per_day"), SIZES)
@pytest.mark.parametrize("with_offer", [False, True], ids=["alone", "with an offer"])
def test_the_next_free_starts_are_three_queries_whatever_the_size(
    salon, staff, bookings_per_day, with_offer, django_assert_num_queries
):
    grow(salon, staff=staff, bookings_per_day=bookings_per_day)
    offer = salon_offer(salon) if with_offer else None
    # Alone: working hours, busy time, closures; with an offer the hours come from it.
    with django_assert_num_queries(2 if with_offer else 3):
        starts = next_free_starts(
            business=salon, service=salon.test_services["cut"], now=NOW, offer=offer
        )
    assert len(starts) == 3


def test_the_next_free_starts_cost_one_query_when_no_one_works(salon, django_assert_num_queries):
    WorkingHours.objects.filter(staff__business=salon).delete()
    with django_assert_num_queries(1):
        assert next_free_starts(business=salon, service=salon.test_services["cut"], now=NOW) == []


def test_the_salon_pages_next_free_times_cost_the_same_whatever_the_size(
    client, salon, django_assert_num_queries, django_capture_on_commit_callbacks
):
    url = reverse("web:business_detail", args=[salon.city_slug, salon.slug])
    # The salon page's own six queries (the last its photos), then three for its next free times.
    with django_assert_num_queries(9):
        small = client.get(url)
    # Committed, so the salon's public_version moves on and the page is rendered anew.
    with django_capture_on_commit_callbacks(execute=True):
        grow(salon, staff=7, bookings_per_day=4)
    with django_assert_num_queries(9):
        large = client.get(url)
    assert len(small.context["next_free"]) == len(large.context["next_free"]) == 3
