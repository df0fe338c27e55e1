"""The salon books someone without an account: a walk-in or a phone call, entered by the salon."""

from __future__ import annotations

from datetime import timedelta

import pytest

from creneau.bookings.errors import IdempotencyKeyReused
from creneau.bookings.models import Booking, SalonContact
from creneau.bookings.salon import NewContact, booking_create_for_salon
from creneau.notifications.models import OutboundMessage
from creneau.privacy.models import AuditEntry
from tests.backoffice.conftest import NOW, THURSDAY
from tests.conftest import paris

pytestmark = pytest.mark.django_db


def walk_in(salon, manager, *, start=THURSDAY, email="", staff_index=0, key=None):
    return booking_create_for_salon(
        actor=manager,
        business=salon,
        services=[salon.test_services["cut"]],
        start=start,
        staff=salon.test_staff[staff_index],
        new_contact=NewContact(name="Marie Curie", phone="06 12 34 56 78", email=email),
        idempotency_key=key,
        now=NOW,
    )


def test_the_booking_is_for_a_new_contact_marked_as_entered_by_the_salon(salon, manager):
    booking = walk_in(salon, manager)
    assert booking.source == Booking.Source.BACKOFFICE
    assert booking.customer is None
    contact = booking.contact
    assert contact.name == "Marie Curie"
    assert str(contact.phone) == "+33612345678"
    assert contact.business == salon
    assert contact.created_by == manager


def test_a_walk_in_is_booked_now_without_the_customers_minimum_notice(salon, manager):
    now = paris(2026, 12, 7, 10, 5)  # a Monday; the salon asks customers for one hour's notice
    booking = booking_create_for_salon(
        actor=manager,
        business=salon,
        services=[salon.test_services["cut"]],
        start=paris(2026, 12, 7, 10),
        staff=salon.test_staff[0],
        new_contact=NewContact(name="Marie Curie", phone="0612345678"),
        now=now,
    )
    assert booking.start == paris(2026, 12, 7, 10)


def test_the_salon_cannot_book_outside_the_working_hours(salon, manager):
    from creneau.bookings.errors import SlotTaken

    with pytest.raises(SlotTaken):
        walk_in(salon, manager, start=paris(2026, 12, 10, 12, 15))  # lunch break
    assert not SalonContact.objects.exists()  # the contact went with the failed booking


def test_the_entry_and_the_booking_are_in_the_audit_log(salon, manager):
    booking = walk_in(salon, manager)
    actions = set(AuditEntry.objects.values_list("action", "subject_contact", "actor"))
    assert ("contact.created", booking.contact_id, manager.pk) in actions
    assert ("booking.created_by_salon", booking.contact_id, manager.pk) in actions


def test_a_contact_with_an_email_is_told_who_holds_the_data_in_the_first_message(
    salon, manager, settings
):
    booking = walk_in(salon, manager, email="Marie@Example.org")
    message = OutboundMessage.objects.get(to_address="marie@example.org")
    assert "Salon Test" in message.subject
    assert settings.OPERATOR["NAME"] in message.body_text
    assert settings.OPERATOR["DPO_EMAIL"] in message.body_text
    assert "Marie Curie" in message.body_text
    assert "CNIL" in message.body_text
    booking.contact.refresh_from_db()
    assert booking.contact.privacy_notice_sent_at == NOW


def test_the_notice_is_given_once_and_later_messages_do_without_it(salon, manager):
    from creneau.bookings.services import booking_cancel

    booking = walk_in(salon, manager, email="marie@example.org")
    booking_cancel(booking=booking, actor=manager, now=NOW + timedelta(minutes=5))
    first, second = OutboundMessage.objects.filter(to_address="marie@example.org").order_by("pk")
    assert "CNIL" in first.body_text
    assert second.subject != first.subject  # the cancellation, in the salon's language
    assert booking.reference in second.body_text
    assert "CNIL" not in second.body_text


def test_a_contact_without_an_email_gets_no_message(salon, manager):
    walk_in(salon, manager)
    assert not OutboundMessage.objects.exists()


def test_the_same_form_sent_twice_books_once(salon, manager):
    first = walk_in(salon, manager, key="form-key-1")
    second = walk_in(salon, manager, key="form-key-1")
    assert first.pk == second.pk
    assert Booking.objects.count() == 1
    assert SalonContact.objects.count() == 1


def test_the_same_key_with_another_staff_member_is_refused(salon, manager):
    first = walk_in(salon, manager, key="form-key-1")
    with pytest.raises(IdempotencyKeyReused):
        walk_in(salon, manager, key="form-key-1", staff_index=1)
    assert list(Booking.objects.values_list("pk", flat=True)) == [first.pk]
    assert SalonContact.objects.count() == 1
