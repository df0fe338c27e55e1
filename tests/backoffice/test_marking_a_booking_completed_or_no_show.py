"""After the appointment the salon marks it completed or no-show, by compare-and-set."""

from __future__ import annotations

from datetime import timedelta

import pytest

from creneau.bookings.errors import InvalidBooking
from creneau.bookings.models import Booking
from creneau.bookings.salon import booking_mark_outcome
from creneau.catalog.permissions import NotFound
from tests.backoffice.conftest import THURSDAY

pytestmark = pytest.mark.django_db
AFTER = THURSDAY + timedelta(hours=1)


def test_a_manager_marks_a_booking_completed(salon, manager, customer, book):
    booking = book(customer)
    marked = booking_mark_outcome(booking=booking, actor=manager, outcome="completed", now=AFTER)
    assert marked.status == Booking.Status.COMPLETED


def test_a_booking_cannot_be_marked_before_it_starts(salon, manager, customer, book):
    booking = book(customer)
    with pytest.raises(InvalidBooking):
        booking_mark_outcome(
            booking=booking, actor=manager, outcome="no_show", now=THURSDAY - timedelta(minutes=1)
        )


def test_a_wrong_mark_can_be_switched_to_the_other_outcome(salon, manager, customer, book):
    booking = book(customer)
    booking_mark_outcome(booking=booking, actor=manager, outcome="completed", now=AFTER)
    switched = booking_mark_outcome(booking=booking, actor=manager, outcome="no_show", now=AFTER)
    assert switched.status == Booking.Status.NO_SHOW


def test_of_two_marks_made_from_the_same_reading_only_the_first_wins(
    salon, manager, staff_user, customer, book
):
    booking = book(customer)
    stale = Booking.objects.get(pk=booking.pk)
    booking_mark_outcome(booking=booking, actor=manager, outcome="completed", now=AFTER)
    with pytest.raises(InvalidBooking):
        booking_mark_outcome(booking=stale, actor=staff_user, outcome="no_show", now=AFTER)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.COMPLETED


def test_a_cancelled_booking_cannot_be_marked(salon, manager, customer, book):
    from creneau.bookings.services import booking_cancel

    booking = book(customer)
    booking_cancel(booking=booking, actor=customer, now=THURSDAY - timedelta(days=2))
    booking.refresh_from_db()
    with pytest.raises(InvalidBooking):
        booking_mark_outcome(booking=booking, actor=manager, outcome="completed", now=AFTER)


def test_staff_mark_their_own_bookings_but_not_a_colleagues(salon, staff_user, customer, book):
    own = book(customer, staff_index=2)
    colleagues = book(customer, staff_index=0)
    booking_mark_outcome(booking=own, actor=staff_user, outcome="completed", now=AFTER)
    with pytest.raises(NotFound):
        booking_mark_outcome(booking=colleagues, actor=staff_user, outcome="completed", now=AFTER)


def test_a_stranger_cannot_mark_a_booking(salon, other_owner, customer, book):
    from creneau.catalog.permissions import NotAllowed

    booking = book(customer)
    for actor in (other_owner, customer):
        with pytest.raises(NotAllowed):
            booking_mark_outcome(booking=booking, actor=actor, outcome="no_show", now=AFTER)
