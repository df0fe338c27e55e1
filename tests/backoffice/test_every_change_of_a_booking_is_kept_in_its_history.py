"""Every change of a booking is written in its history by the domain function that makes it:
by whom (the customer, which team member, the system) and when, whichever path called it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils.translation import override

from creneau.bookings.errors import BookingNotFound
from creneau.bookings.history import booking_history, booking_note_add
from creneau.bookings.models import ActorKind, BookingEvent, BookingEventCode
from creneau.bookings.salon import NewContact, booking_create_for_salon, booking_mark_outcome
from creneau.bookings.services import booking_cancel, booking_reschedule
from creneau.catalog.permissions import NotAllowed
from tests.backoffice.conftest import NOW, THURSDAY
from tests.conftest import paris

pytestmark = pytest.mark.django_db


def events(booking):
    return list(
        BookingEvent.objects.filter(booking=booking)
        .order_by("at", "pk")
        .values_list("code", "actor_kind", "actor_id", "staff_id")
    )


def test_a_booking_made_on_the_site_is_recorded_as_made_by_its_customer(salon, customer, book):
    booking = book(customer)
    assert events(booking) == [(BookingEventCode.CREATED, ActorKind.CUSTOMER, customer.pk, None)]
    event = BookingEvent.objects.get(booking=booking)
    assert event.at == NOW
    assert event.data == {"to": "2026-12-10T09:00:00+00:00", "staff_to": salon.test_staff[2].pk}


def test_a_booking_made_by_the_salon_names_the_team_member(salon, manager, customer, book):
    book(customer, start=THURSDAY - timedelta(days=1))  # a customer of the salon
    booking = booking_create_for_salon(
        actor=manager,
        business=salon,
        services=[salon.test_services["cut"]],
        start=THURSDAY,
        staff=salon.test_staff[0],
        customer=customer,
        now=NOW,
    )
    assert events(booking) == [
        (BookingEventCode.CREATED, ActorKind.SALON, manager.pk, salon.test_staff[1].pk)
    ]


def test_a_walk_in_booking_is_recorded_as_made_by_the_salon(salon, owner):
    booking = booking_create_for_salon(
        actor=owner,
        business=salon,
        services=[salon.test_services["cut"]],
        start=THURSDAY,
        staff=salon.test_staff[0],
        new_contact=NewContact(name="Denis Passant", phone="+33655555555"),
        now=NOW,
    )
    assert events(booking)[0][:2] == (BookingEventCode.CREATED, ActorKind.SALON)


def test_a_move_and_a_cancellation_by_the_customer_say_so(salon, customer, book):
    booking = book(customer)
    new_start = paris(2026, 12, 11, 15)
    booking_reschedule(booking=booking, actor=customer, start=new_start, now=NOW)
    booking_cancel(booking=booking, actor=customer, now=NOW + timedelta(hours=1))
    assert [row[:2] for row in events(booking)] == [
        (BookingEventCode.CREATED, ActorKind.CUSTOMER),
        (BookingEventCode.MOVED, ActorKind.CUSTOMER),
        (BookingEventCode.CANCELLED, ActorKind.CUSTOMER),
    ]
    moved = BookingEvent.objects.get(booking=booking, code=BookingEventCode.MOVED)
    assert datetime.fromisoformat(moved.data["from"]) == THURSDAY
    assert datetime.fromisoformat(moved.data["to"]) == new_start


def test_a_move_and_a_cancellation_by_the_salon_name_the_team_member(
    salon, manager, customer, book
):
    booking = book(customer)
    alice, bruno = salon.test_staff[0], salon.test_staff[1]
    booking_reschedule(
        booking=booking, actor=manager, start=paris(2026, 12, 11, 15), staff=alice, now=NOW
    )
    booking_cancel(booking=booking, actor=manager, now=NOW)
    assert events(booking)[1:] == [
        (BookingEventCode.MOVED, ActorKind.SALON, manager.pk, bruno.pk),
        (BookingEventCode.CANCELLED, ActorKind.SALON, manager.pk, bruno.pk),
    ]
    moved = BookingEvent.objects.get(booking=booking, code=BookingEventCode.MOVED)
    assert (moved.data["staff_from"], moved.data["staff_to"]) == (salon.test_staff[2].pk, alice.pk)
    with override("en"):
        lines = booking_history(booking=booking, for_customer=True)
        assert "Alice" in lines[1].detail
        assert lines[2].who == "Bruno (the salon)"


def test_a_refused_change_writes_nothing(salon, customer, other_customer, book):
    booking = book(customer)
    with pytest.raises(NotAllowed):
        booking_note_add(booking=booking, actor=other_customer, text="Hello", now=NOW)
    with pytest.raises(BookingNotFound):
        booking_cancel(booking=booking, actor=other_customer, now=NOW)
    assert len(events(booking)) == 1


def test_outcomes_and_a_switched_outcome_are_recorded(salon, staff_user, customer, book):
    booking = book(customer)
    after = THURSDAY + timedelta(hours=1)
    booking_mark_outcome(booking=booking, actor=staff_user, outcome="completed", now=after)
    booking_mark_outcome(booking=booking, actor=staff_user, outcome="no_show", now=after)
    chloe = salon.test_staff[2].pk
    assert events(booking)[1:] == [
        (BookingEventCode.COMPLETED, ActorKind.SALON, staff_user.pk, chloe),
        (BookingEventCode.NO_SHOW, ActorKind.SALON, staff_user.pk, chloe),
    ]
    last = BookingEvent.objects.filter(booking=booking).latest("pk")
    assert last.data == {"outcome_from": "completed"}


def test_a_note_is_the_salons_and_not_shown_to_the_customer(salon, staff_user, customer, book):
    booking = book(customer)
    booking_note_add(booking=booking, actor=staff_user, text="  Prefers the window seat ", now=NOW)
    note = BookingEvent.objects.get(booking=booking, code=BookingEventCode.NOTE)
    assert note.note == "Prefers the window seat"
    salon_side = booking_history(booking=booking, for_customer=False)
    customer_side = booking_history(booking=booking, for_customer=True)
    assert [line.code for line in salon_side] == ["booking.created", "booking.note"]
    assert [line.code for line in customer_side] == ["booking.created"]


def test_the_erasure_of_the_customer_cancels_as_the_system(salon, staff_user, customer, book):
    from creneau.privacy.erasure import customer_erase

    booking = book(customer)
    booking_note_add(booking=booking, actor=staff_user, text="Allergic to henna", now=NOW)
    customer_erase(user=customer, actor=customer, reason="account", now=NOW + timedelta(minutes=5))
    rows = events(booking)
    assert not BookingEvent.objects.filter(note__contains="henna").exists()
    assert rows[-1] == (BookingEventCode.CANCELLED, ActorKind.SYSTEM, None, None)
    # The person is no longer linked as the one who made it.
    assert rows[0] == (BookingEventCode.CREATED, ActorKind.CUSTOMER, None, None)
    assert BookingEvent.objects.get(booking=booking, code="booking.cancelled").data["via"] == (
        "erasure"
    )
