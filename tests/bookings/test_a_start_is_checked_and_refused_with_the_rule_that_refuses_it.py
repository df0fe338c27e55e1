"""start_check: the review step's answer names the rule that refuses a start."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest
from django.utils import translation

from creneau.bookings.errors import SlotTaken
from creneau.bookings.offerable import (
    NobodyWorking,
    SalonClosed,
    StaffAway,
    StartInPast,
    StartOffGrid,
    StartTooFar,
    StartTooSoon,
    start_check,
)
from creneau.bookings.services import booking_create
from creneau.catalog.models import Closure, TimeOff
from tests.conftest import paris

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    # The messages are read in English, whatever language an earlier test left active.
    with translation.override("en"):
        yield


NOW = paris(2026, 12, 7, 8).astimezone(UTC)  # a Monday


def check(salon, start, *, staff=None, services=("cut",)):
    start_check(
        business=salon,
        services=[salon.test_services[s] for s in services],
        start=start,
        staff=staff,
        now=NOW,
    )


def test_a_free_start_passes(salon):
    check(salon, paris(2026, 12, 8, 10))
    check(salon, paris(2026, 12, 8, 10), staff=salon.test_staff[0])


@pytest.mark.parametrize(
    ("start", "error"),
    [
        (paris(2026, 12, 6, 10), StartInPast),
        (paris(2026, 12, 7, 8, 30), StartTooSoon),
        (paris(2027, 3, 1, 10), StartTooFar),
        (paris(2026, 12, 8, 10, 7), StartOffGrid),
        (paris(2026, 12, 8, 12, 15), NobodyWorking),  # the lunch break
        (paris(2026, 12, 8, 17, 45), NobodyWorking),  # would end after closing
        (paris(2026, 12, 13, 10), NobodyWorking),  # a Sunday
    ],
)
def test_each_rule_refuses_with_its_own_error(salon, start, error):
    with pytest.raises(error):
        check(salon, start)


def test_a_closure_refuses_with_the_salon_closed(salon):
    Closure.objects.create(business=salon, start_date=date(2026, 12, 9), end_date=date(2026, 12, 9))
    with pytest.raises(SalonClosed) as caught:
        check(salon, paris(2026, 12, 9, 10))
    assert "closed" in str(caught.value.message)


def test_the_staff_members_absence_names_them(salon):
    alice = salon.test_staff[0]
    TimeOff.objects.create(
        staff=alice, start=paris(2026, 12, 8, 9), end=paris(2026, 12, 8, 12), reason="Formation"
    )
    with pytest.raises(StaffAway) as caught:
        check(salon, paris(2026, 12, 8, 10), staff=alice)
    assert "Alice" in str(caught.value.message)
    check(salon, paris(2026, 12, 8, 10))  # anyone: Bruno and Chloé are there


def test_only_a_booking_in_the_way_is_a_slot_taken(salon, customer):
    alice = salon.test_staff[0]
    booking = booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=paris(2026, 12, 8, 10),
        staff=alice,
        now=NOW,
    )
    with pytest.raises(SlotTaken) as caught:
        check(salon, paris(2026, 12, 8, 10), staff=alice)
    assert type(caught.value) is SlotTaken
    start_check(
        business=salon,
        services=[salon.test_services["cut"]],
        start=paris(2026, 12, 8, 10),
        staff=alice,
        now=NOW,
        exclude_booking_id=booking.pk,
    )


def test_the_minimum_notice_is_said_in_hours(salon):
    with pytest.raises(StartTooSoon) as caught:
        check(salon, NOW + timedelta(minutes=30))
    assert "1 hour" in str(caught.value.message)
