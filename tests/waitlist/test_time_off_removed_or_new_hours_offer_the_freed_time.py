"""Time that frees up without a cancellation reaches the waitlist too: time off removed, new
working hours, a booking moved away. The catalog's hook tells the waitlist after the commit."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from creneau.bookings.services import booking_reschedule
from creneau.catalog.models import TimeOff, WorkingHours
from creneau.waitlist.models import OfferStatus, WaitlistOffer
from tests.conftest import paris
from tests.waitlist.conftest import NOW, THURSDAY

pytestmark = pytest.mark.django_db


def offers():
    return list(WaitlistOffer.objects.filter(status=OfferStatus.HELD).select_related("entry"))


def test_removing_time_off_offers_the_time(salon, waiters, django_capture_on_commit_callbacks):
    alice = salon.test_staff[0]
    off = TimeOff.objects.create(
        staff=alice, start=THURSDAY - timedelta(hours=1), end=THURSDAY + timedelta(hours=2)
    )
    (waiter,) = waiters(1)
    assert offers() == []
    with django_capture_on_commit_callbacks(execute=True):
        off.delete()
    (offer,) = offers()
    assert (offer.entry.customer, offer.start) == (waiter, THURSDAY)


def test_new_hours_offer_a_sunday_time(
    salon, make_user, frozen, django_capture_on_commit_callbacks
):
    from creneau.waitlist.services import waitlist_join

    sunday = paris(2026, 12, 13, 10)
    customer = make_user("sunday@example.org", phone="+33640000000")
    waitlist_join(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        first_day=sunday.date(),
        last_day=sunday.date(),
        weekdays="6",
        earliest=time(10),
        latest=time(10),
        now=NOW,
    )
    assert offers() == []
    with django_capture_on_commit_callbacks(execute=True):
        WorkingHours.objects.create(
            staff=salon.test_staff[1], weekday=6, start=time(9), end=time(12)
        )
    (offer,) = offers()
    assert offer.start == sunday and offer.staff_id == salon.test_staff[1].pk


def test_a_booking_moved_away_offers_its_old_time(
    salon, booked_slot, waiters, django_capture_on_commit_callbacks
):
    (waiter,) = waiters(1)
    with django_capture_on_commit_callbacks(execute=True):
        booking_reschedule(
            booking=booked_slot,
            actor=booked_slot.customer,
            start=THURSDAY + timedelta(hours=4),
            now=NOW,
        )
    (offer,) = offers()
    assert offer.entry.customer == waiter
