"""Manual bookings for existing customers: only the salon's own, and staff in their own agenda."""

from __future__ import annotations

from datetime import timedelta

import pytest

from creneau.bookings.errors import InvalidBooking
from creneau.bookings.models import Booking, SalonContact
from creneau.bookings.salon import NewContact, booking_create_for_salon
from creneau.catalog.permissions import NotAllowed, NotFound
from tests.backoffice.conftest import NOW, THURSDAY

pytestmark = pytest.mark.django_db
LATER = THURSDAY + timedelta(hours=3)


def book_for(actor, salon, *, staff_index=None, **who):
    return booking_create_for_salon(
        actor=actor,
        business=salon,
        services=[salon.test_services["cut"]],
        start=LATER,
        staff=salon.test_staff[staff_index] if staff_index is not None else None,
        now=NOW,
        **who,
    )


def test_a_manager_books_again_a_customer_who_booked_here(salon, manager, customer, book):
    book(customer)
    booking = book_for(manager, salon, staff_index=0, customer=customer)
    assert booking.customer == customer
    assert booking.source == Booking.Source.BACKOFFICE


def test_a_platform_user_who_never_booked_here_cannot_be_booked_by_the_salon(
    salon, manager, customer
):
    with pytest.raises(NotFound):
        book_for(manager, salon, staff_index=0, customer=customer)


def test_a_contact_of_another_salon_cannot_be_booked(salon, manager, other_salon):
    contact = SalonContact.objects.create(
        business=other_salon, name="Someone Else", phone="+33655555555", created_at=NOW
    )
    with pytest.raises(NotFound):
        book_for(manager, salon, staff_index=0, contact=contact)


def test_anyone_free_is_given_the_booking_when_a_manager_does_not_choose(salon, manager):
    booking = book_for(manager, salon, new_contact=NewContact(name="Léa", phone="0611111111"))
    assert booking.staff in salon.test_staff


def test_a_staff_member_books_in_their_own_agenda(salon, staff_user):
    booking = book_for(staff_user, salon, new_contact=NewContact(name="Léa", phone="0611111111"))
    assert booking.staff == salon.test_staff[2]


def test_a_staff_member_cannot_book_in_a_colleagues_agenda(salon, staff_user):
    with pytest.raises(InvalidBooking):
        book_for(
            staff_user, salon, staff_index=0, new_contact=NewContact(name="Léa", phone="0611111111")
        )


def test_a_stranger_cannot_book_for_the_salon(salon, other_owner, customer):
    for actor in (other_owner, customer):
        with pytest.raises(NotAllowed):
            book_for(
                actor, salon, staff_index=0, new_contact=NewContact(name="L", phone="0611111111")
            )


def test_exactly_one_person_is_booked(salon, manager, customer, book):
    book(customer)
    with pytest.raises(InvalidBooking):
        book_for(manager, salon, staff_index=0)
    with pytest.raises(InvalidBooking):
        book_for(
            manager,
            salon,
            staff_index=0,
            customer=customer,
            new_contact=NewContact(name="Léa", phone="0611111111"),
        )
