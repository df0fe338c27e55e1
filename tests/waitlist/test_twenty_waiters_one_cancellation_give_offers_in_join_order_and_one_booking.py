"""The waitlist race: 20 customers wait for one time; it is cancelled; the first to have joined
is offered it (and no one else, however many runs start at once); the offer booked from 10
clicks at once while 10 other customers try the normal booking flow gives exactly one booking.
On SQLite and PostgreSQL alike (`make test` runs both)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection

from creneau.bookings.errors import SlotTaken
from creneau.bookings.models import ACTIVE_STATUSES, Booking
from creneau.bookings.overlap import overlapping_pairs
from creneau.bookings.services import booking_cancel, booking_create
from creneau.waitlist.errors import OfferExpired, OfferTaken
from creneau.waitlist.models import OfferStatus, WaitlistOffer
from creneau.waitlist.services import waitlist_offer_accept, waitlist_offers_make, waitlist_tick
from tests.races import race
from tests.waitlist.conftest import NOW, THURSDAY

pytestmark = pytest.mark.django_db(transaction=True)


def held():
    return list(WaitlistOffer.objects.filter(status=OfferStatus.HELD).select_related("entry"))


def test_one_cancellation_is_offered_to_the_first_waiter_only_even_under_concurrent_runs(
    salon, booked_slot, waiters
):
    customers = waiters(20)
    assert held() == []  # nothing free yet

    booking_cancel(booking=booked_slot, actor=booked_slot.customer, now=NOW)
    (offer,) = held()  # the hook ran after the commit
    assert offer.entry.customer == customers[0]
    assert offer.start == THURSDAY

    result = race(20, lambda i: waitlist_offers_make(business=salon))
    assert result.unexpected() == []
    assert [o.pk for o in held()] == [offer.pk]


def test_the_offer_clicked_ten_times_while_ten_others_book_gives_one_booking(
    salon, booked_slot, waiters, make_user
):
    customers = waiters(20)
    others = [make_user(f"other{i}@example.org", phone=f"+3362{i:07d}") for i in range(10)]
    booking_cancel(booking=booked_slot, actor=booked_slot.customer, now=NOW)
    (offer,) = held()

    def attempt(i):
        if i % 2 == 0:
            return waitlist_offer_accept(token=offer.token, customer=customers[0])
        return booking_create(
            customer=others[i // 2],
            business=salon,
            services=[salon.test_services["cut"]],
            start=THURSDAY,
            staff=salon.test_staff[0],
            now=NOW,
        )

    result = race(20, attempt)
    assert result.unexpected(SlotTaken, OfferTaken) == []
    active = Booking.objects.filter(
        start=THURSDAY, staff=salon.test_staff[0], status__in=ACTIVE_STATUSES
    )
    assert active.count() == 1
    assert len({b.pk for b in result.values()}) == 1  # the offer's clicks share one booking
    assert overlapping_pairs(connection) == []
    print(
        f"\nwaitlist race[{connection.vendor}]: booked by "
        f"{'the first waiter' if active.get().customer == customers[0] else 'another customer'}"
    )


def test_an_expired_hold_passes_to_the_next_and_is_refused_clearly_after(
    salon, booked_slot, waiters, frozen
):
    customers = waiters(3)
    booking_cancel(booking=booked_slot, actor=booked_slot.customer, now=NOW)
    (first,) = held()
    assert first.entry.customer == customers[0]

    later = NOW + timedelta(minutes=31)
    frozen.move_to(later)
    waitlist_tick(now=later)
    (second,) = held()
    assert second.entry.customer == customers[1]
    assert second.start == first.start
    first.refresh_from_db()
    assert first.status == OfferStatus.EXPIRED

    with pytest.raises(OfferExpired) as refused:
        waitlist_offer_accept(token=first.token, customer=customers[0], now=later)
    assert "has expired" in str(refused.value.message)
    booking = waitlist_offer_accept(token=second.token, customer=customers[1], now=later)
    assert (booking.customer, booking.start) == (customers[1], THURSDAY)
    # The third waiter is not offered a time that is booked now.
    assert held() == []


def test_a_hold_confirmed_just_after_its_deadline_is_refused_before_any_run_expired_it(
    salon, booked_slot, waiters
):
    customers = waiters(2)
    booking_cancel(booking=booked_slot, actor=booked_slot.customer, now=NOW)
    (offer,) = held()
    with pytest.raises(OfferExpired):
        waitlist_offer_accept(token=offer.token, customer=customers[0], now=offer.expires_at)
    assert not Booking.objects.filter(start=THURSDAY, customer=customers[0]).exists()
