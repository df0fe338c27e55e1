"""Cancelling and moving a booking: deadlines, who may, and atomic moves."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from creneau.bookings.errors import BookingNotFound, DeadlinePassed, InvalidBooking, SlotTaken
from creneau.bookings.models import Booking
from creneau.bookings.services import booking_cancel, booking_create, booking_reschedule
from creneau.catalog.models import StaffMember
from tests.conftest import paris

pytestmark = pytest.mark.django_db

NOW = paris(2026, 12, 7, 8).astimezone(UTC)
START = paris(2026, 12, 10, 10)  # Thursday


@pytest.fixture
def booking(salon, customer):
    return booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=START,
        staff=salon.test_staff[0],
        now=NOW,
    )


def test_the_customer_cancels_before_the_deadline(booking, customer):
    cancelled = booking_cancel(booking=booking, actor=customer, now=START - timedelta(hours=25))
    assert cancelled.status == Booking.Status.CANCELLED_BY_CUSTOMER
    assert cancelled.cancelled_at is not None


def test_the_customer_cannot_cancel_after_the_deadline(booking, customer):
    with pytest.raises(DeadlinePassed):
        booking_cancel(booking=booking, actor=customer, now=START - timedelta(hours=23))
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_a_cancelled_slot_is_free_again(booking, customer, other_customer, salon):
    booking_cancel(booking=booking, actor=customer, now=NOW)
    again = booking_create(
        customer=other_customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=START,
        staff=salon.test_staff[0],
        now=NOW,
    )
    assert again.status == Booking.Status.CONFIRMED


def test_another_customer_cannot_see_or_cancel_the_booking(booking, other_customer):
    with pytest.raises(BookingNotFound):
        booking_cancel(booking=booking, actor=other_customer, now=NOW)


def test_cancelling_twice_is_refused_the_second_time(booking, customer):
    booking_cancel(booking=booking, actor=customer, now=NOW)
    with pytest.raises(InvalidBooking):
        booking_cancel(booking=booking, actor=customer, now=NOW)


def test_the_salons_manager_may_cancel_after_the_customer_deadline(booking, salon, make_user):
    manager = make_user("manager@example.org", phone="+33622222222")
    StaffMember.objects.create(business=salon, display_name="Manon", user=manager, role="manager")
    cancelled = booking_cancel(booking=booking, actor=manager, now=START - timedelta(hours=1))
    assert cancelled.status == Booking.Status.CANCELLED_BY_BUSINESS


def test_a_plain_staff_member_of_the_salon_cannot_cancel_a_colleagues_booking(
    booking, salon, make_user
):
    user = make_user("staff@example.org", phone="+33633333333")
    StaffMember.objects.create(business=salon, display_name="Sam", user=user, role="staff")
    with pytest.raises(BookingNotFound):
        booking_cancel(booking=booking, actor=user, now=NOW)


def test_the_customer_moves_a_booking_to_a_free_slot(booking, customer):
    moved = booking_reschedule(
        booking=booking, actor=customer, start=START + timedelta(hours=3), now=NOW
    )
    assert moved.pk == booking.pk
    assert moved.start == START + timedelta(hours=3)
    assert moved.end - moved.start == timedelta(minutes=30)
    assert moved.blocked_until - moved.start == timedelta(minutes=40)
    assert Booking.objects.count() == 1


def test_a_booking_may_move_to_a_time_overlapping_its_own(booking, customer):
    moved = booking_reschedule(
        booking=booking, actor=customer, start=START + timedelta(minutes=15), now=NOW
    )
    assert moved.start == START + timedelta(minutes=15)
    assert moved.staff == booking.staff


def test_moving_onto_a_taken_slot_keeps_the_original_booking(
    booking, customer, other_customer, salon
):
    for member in salon.test_staff:  # everyone is busy at 12:00... 13:00 after the break
        booking_create(
            customer=other_customer,
            business=salon,
            services=[salon.test_services["cut"]],
            start=START + timedelta(hours=3),
            staff=member,
            now=NOW,
        )
    with pytest.raises(SlotTaken):
        booking_reschedule(
            booking=booking, actor=customer, start=START + timedelta(hours=3), now=NOW
        )
    booking.refresh_from_db()
    assert booking.start == START
    assert booking.status == Booking.Status.CONFIRMED


def test_moving_after_the_deadline_is_refused(booking, customer):
    with pytest.raises(DeadlinePassed):
        booking_reschedule(
            booking=booking,
            actor=customer,
            start=START + timedelta(days=1),
            now=START - timedelta(hours=2),
        )


def test_a_staff_member_cannot_hand_their_booking_to_a_colleague(booking, salon, make_user):
    user = make_user("alice@example.org", phone="+33644444444")
    alice = salon.test_staff[0]
    alice.user = user
    alice.save(update_fields=["user"])
    with pytest.raises(InvalidBooking):
        booking_reschedule(
            booking=booking,
            actor=user,
            start=START + timedelta(hours=3),
            staff=salon.test_staff[1],
            now=NOW,
        )
    # "anyone" from a plain staff member keeps the booking in their own agenda
    moved = booking_reschedule(
        booking=booking, actor=user, start=START + timedelta(hours=3), now=NOW
    )
    assert moved.staff == alice


def test_a_manager_may_hand_a_booking_to_a_colleague(booking, salon, make_user):
    manager = make_user("boss@example.org", phone="+33655555555")
    StaffMember.objects.create(business=salon, display_name="Boss", user=manager, role="manager")
    moved = booking_reschedule(
        booking=booking,
        actor=manager,
        start=START + timedelta(hours=3),
        staff=salon.test_staff[1],
        now=NOW,
    )
    assert moved.staff == salon.test_staff[1]
