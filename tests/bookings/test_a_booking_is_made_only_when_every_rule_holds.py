"""booking_create: the rules a booking must follow."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from creneau.bookings.errors import InvalidBooking, NotVerified, SlotTaken, SlotUnavailable
from creneau.bookings.models import Booking, BookingService
from creneau.bookings.services import booking_create
from tests.conftest import paris

pytestmark = pytest.mark.django_db

# A Monday, well ahead of the bookings below.
NOW = paris(2026, 12, 7, 8).astimezone(UTC)


def book(salon, customer, start, *, staff=None, services=("cut",), **kwargs):
    return booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services[s] for s in services],
        start=start,
        staff=staff,
        now=NOW,
        **kwargs,
    )


def test_a_verified_customer_books_a_free_slot(salon, customer):
    booking = book(salon, customer, paris(2026, 12, 8, 10), staff=salon.test_staff[1])
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.staff == salon.test_staff[1]
    assert booking.start == paris(2026, 12, 8, 10)
    assert booking.end == paris(2026, 12, 8, 10, 30)
    assert booking.blocked_until == paris(2026, 12, 8, 10, 40)
    assert str(booking.total_price) == "35.00"
    assert [line.name for line in booking.lines.all()] == ["Coupe"]


def test_several_services_are_booked_back_to_back_with_their_prices(salon, customer):
    booking = book(salon, customer, paris(2026, 12, 8, 9), services=("cut", "colour"))
    # 30 min + 10 min buffer + 60 min: the colour ends at 10:40, nothing after it.
    assert booking.end == paris(2026, 12, 8, 10, 40)
    assert booking.blocked_until == booking.end
    assert str(booking.total_price) == "95.00"
    lines = list(BookingService.objects.filter(booking=booking).values_list("position", "name"))
    assert lines == [(0, "Coupe"), (1, "Couleur")]


def test_an_unverified_customer_cannot_book(salon, make_user):
    user = make_user("new@example.org", verified=False)
    with pytest.raises(NotVerified):
        book(salon, user, paris(2026, 12, 8, 10))
    assert not Booking.objects.exists()


def test_a_slot_inside_the_minimum_notice_is_refused(salon, customer):
    with pytest.raises(SlotUnavailable):
        book(salon, customer, NOW + timedelta(minutes=30))


def test_a_slot_beyond_the_horizon_is_refused(salon, customer):
    with pytest.raises(SlotUnavailable):
        book(salon, customer, NOW + timedelta(days=61))


def test_a_slot_during_the_lunch_break_or_after_closing_is_refused(salon, customer):
    for start in (paris(2026, 12, 8, 12), paris(2026, 12, 8, 17, 45), paris(2026, 12, 13, 10)):
        with pytest.raises(SlotTaken):
            book(salon, customer, start, staff=salon.test_staff[0])
    assert not Booking.objects.exists()


def test_a_slot_already_taken_by_that_staff_member_is_refused(salon, customer, other_customer):
    alice = salon.test_staff[0]
    book(salon, customer, paris(2026, 12, 8, 10), staff=alice)
    with pytest.raises(SlotTaken):
        book(salon, other_customer, paris(2026, 12, 8, 10, 15), staff=alice)
    # the buffer counts: 10:30-10:40 is still Alice's
    with pytest.raises(SlotTaken):
        book(salon, other_customer, paris(2026, 12, 8, 10, 30), staff=alice)
    assert book(salon, other_customer, paris(2026, 12, 8, 10, 45), staff=alice).staff == alice


def test_a_booking_may_start_exactly_when_another_ends(salon, customer, other_customer):
    alice = salon.test_staff[0]
    first = book(salon, customer, paris(2026, 12, 8, 9), services=("colour",), staff=alice)
    second = book(salon, other_customer, first.blocked_until, services=("colour",), staff=alice)
    assert second.start == first.blocked_until


def test_anyone_gives_the_booking_to_the_least_busy_free_staff_member(salon, customer, make_user):
    alice, bruno, chloe = salon.test_staff
    book(salon, customer, paris(2026, 12, 8, 9), staff=alice)
    book(salon, customer, paris(2026, 12, 8, 14), staff=alice)
    book(salon, customer, paris(2026, 12, 8, 15), staff=bruno)
    other = make_user("p@example.org", phone="+33611111111")
    booking = book(salon, other, paris(2026, 12, 8, 16))
    assert booking.staff == chloe


def test_the_same_idempotency_key_books_once(salon, customer):
    first = book(salon, customer, paris(2026, 12, 8, 10), idempotency_key="k-1")
    again = book(salon, customer, paris(2026, 12, 8, 10), idempotency_key="k-1")
    assert again.pk == first.pk
    assert Booking.objects.count() == 1


def test_another_customers_idempotency_key_does_not_collide(salon, customer, other_customer):
    book(salon, customer, paris(2026, 12, 8, 10), idempotency_key="same")
    other = book(salon, other_customer, paris(2026, 12, 8, 11), idempotency_key="same")
    assert Booking.objects.count() == 2
    assert other.customer == other_customer


def test_a_service_of_another_salon_is_refused(salon, customer):
    from creneau.catalog.models import Business, Service

    elsewhere = Business.objects.create(
        name="Ailleurs",
        slug="ailleurs",
        category="barber",
        address="2 rue",
        postcode="69001",
        city="Lyon",
        city_slug="lyon",
    )
    foreign = Service.objects.create(
        business=elsewhere, name="Barbe", duration_minutes=20, price="15.00"
    )
    with pytest.raises(InvalidBooking):
        booking_create(
            customer=customer,
            business=salon,
            services=[foreign],
            start=paris(2026, 12, 8, 10),
            now=NOW,
        )


def test_a_failure_after_the_insert_leaves_no_booking(salon, customer, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full while writing the booked services")

    monkeypatch.setattr(BookingService.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        book(salon, customer, paris(2026, 12, 8, 10))
    assert not Booking.objects.exists()
