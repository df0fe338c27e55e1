"""Who is told of what: the customer of every change, the salon's owners and managers of the
changes the customer made. Messages are written by the booking services themselves."""

from __future__ import annotations

from datetime import timedelta

import pytest

from creneau.bookings.errors import BookingNotFound
from creneau.bookings.services import booking_cancel, booking_reschedule
from creneau.catalog.models import StaffMember
from creneau.notifications.models import OutboundMessage
from tests.conftest import paris
from tests.notifications.helpers import NOW, book

pytestmark = pytest.mark.django_db

START = paris(2026, 12, 10, 10)


@pytest.fixture(autouse=True)
def _customer_reads_english(customer):
    # The texts below are checked in English; the French catalogue is maintained separately.
    customer.language = "en"
    customer.save(update_fields=["language"])


@pytest.fixture
def manager(salon, make_user):
    user = make_user("manon@salon-test.example", first_name="Manon", phone="+33622222222")
    user.language = "en"
    user.save(update_fields=["language"])
    StaffMember.objects.create(business=salon, display_name="Manon", user=user, role="manager")
    return user


@pytest.fixture
def plain_staff(salon, make_user):
    user = make_user("sam@salon-test.example", first_name="Sam", phone="+33633333333")
    StaffMember.objects.create(business=salon, display_name="Sam", user=user, role="staff")
    return user


def sent_to() -> list[tuple[str, str]]:
    return [(m.template, m.to_address) for m in OutboundMessage.objects.order_by("pk")]


def test_a_new_booking_confirms_to_the_customer_and_tells_the_managers(
    salon, customer, manager, plain_staff
):
    booking = book(salon, customer, START)

    assert sent_to() == [
        ("booking_confirmed", customer.email),
        ("salon_booking_created", manager.email),
    ]
    confirmation, notice = OutboundMessage.objects.order_by("pk")
    assert confirmation.about == booking and confirmation.user == customer
    assert [a["filename"] for a in confirmation.attachments] == [f"creneau-{booking.reference}.ics"]
    assert notice.user == manager
    assert "Camille Dupont" in notice.subject
    assert "Camille Dupont has booked online." in notice.body_text


def test_a_move_by_the_customer_tells_both(salon, customer, manager):
    booking = book(salon, customer, START)
    OutboundMessage.objects.all().delete()

    booking_reschedule(booking=booking, actor=customer, start=START + timedelta(hours=4), now=NOW)

    assert sent_to() == [
        ("booking_rescheduled", customer.email),
        ("salon_booking_rescheduled", manager.email),
    ]
    moved = OutboundMessage.objects.get(template="booking_rescheduled")
    assert "Your booking has been moved." in moved.body_text
    assert "Thursday 10 December 2026 at 10:00" in moved.body_text  # the old time
    assert "14:00" in moved.body_text  # the new one


def test_a_move_by_the_salon_tells_the_customer_only(salon, customer, manager):
    booking = book(salon, customer, START)
    OutboundMessage.objects.all().delete()

    booking_reschedule(booking=booking, actor=manager, start=START + timedelta(hours=4), now=NOW)

    assert sent_to() == [("booking_rescheduled", customer.email)]
    assert "The salon has moved your booking." in OutboundMessage.objects.get().body_text


def test_a_cancellation_by_the_customer_tells_both(salon, customer, manager):
    booking = book(salon, customer, START)
    OutboundMessage.objects.all().delete()

    booking_cancel(booking=booking, actor=customer, now=NOW)

    assert sent_to() == [
        ("booking_cancelled", customer.email),
        ("salon_booking_cancelled", manager.email),
    ]
    cancelled = OutboundMessage.objects.get(template="booking_cancelled")
    assert "cancelled, as you asked" in cancelled.body_text
    assert "METHOD:CANCEL" in cancelled.attachments[0]["content"]


def test_a_cancellation_by_the_salon_tells_the_customer(salon, customer, manager):
    booking = book(salon, customer, START)
    OutboundMessage.objects.all().delete()

    booking_cancel(booking=booking, actor=manager, now=START - timedelta(hours=2))

    assert sent_to() == [("booking_cancelled", customer.email)]
    assert "The salon has cancelled your booking." in OutboundMessage.objects.get().body_text


def test_a_refused_change_sends_nothing(salon, customer, other_customer):
    booking = book(salon, customer, START)
    OutboundMessage.objects.all().delete()

    with pytest.raises(BookingNotFound):
        booking_cancel(booking=booking, actor=other_customer, now=NOW)
    assert sent_to() == []


def test_a_queued_message_keeps_what_it_said_when_the_booking_changes(salon, customer):
    booking = book(salon, customer, START)
    confirmation = OutboundMessage.objects.get(template="booking_confirmed")
    text = confirmation.body_text

    booking_reschedule(booking=booking, actor=customer, start=START + timedelta(hours=4), now=NOW)

    confirmation.refresh_from_db()
    assert confirmation.body_text == text
    assert "10:00" in text
