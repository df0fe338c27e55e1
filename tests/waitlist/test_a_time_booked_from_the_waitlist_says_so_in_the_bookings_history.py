"""A waiter who accepts an offer books through the same domain function as on the site; the
booking's history says it came from the waiting list, and a second click adds no line."""

from __future__ import annotations

import pytest

from creneau.bookings.history import booking_history
from creneau.bookings.models import ActorKind, BookingEvent
from creneau.bookings.services import booking_cancel
from creneau.waitlist.models import OfferStatus, WaitlistOffer
from creneau.waitlist.services import waitlist_offer_accept
from tests.waitlist.conftest import NOW

pytestmark = pytest.mark.django_db


def test_the_booking_is_by_the_customer_from_the_waiting_list(
    salon, booked_slot, waiters, django_capture_on_commit_callbacks
):
    (waiter,) = waiters(1)
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booked_slot, actor=booked_slot.customer, now=NOW)
    offer = WaitlistOffer.objects.get(status=OfferStatus.HELD)
    booking = waitlist_offer_accept(token=offer.token, customer=waiter, now=NOW)
    waitlist_offer_accept(token=offer.token, customer=waiter, now=NOW)
    (event,) = BookingEvent.objects.filter(booking=booking)
    assert (event.code, event.actor_kind, event.actor_id) == (
        "booking.created",
        ActorKind.CUSTOMER,
        waiter.pk,
    )
    assert event.data["via"] == "waitlist"
    (line,) = booking_history(booking=booking, for_customer=True)
    assert line.who == "you, from the waiting list"
