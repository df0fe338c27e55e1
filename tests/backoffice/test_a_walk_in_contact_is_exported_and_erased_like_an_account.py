"""A contact entered by the salon is personal data: exported and erased by the same handlers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from creneau.bookings.contacts import contact_erase, contact_export
from creneau.bookings.models import Booking, CustomerNote, SalonContact
from creneau.bookings.salon import NewContact, booking_create_for_salon, customer_note_add
from creneau.notifications.models import OutboundMessage
from creneau.privacy.models import AuditEntry
from tests.backoffice.conftest import NOW, THURSDAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(salon, manager):
    booking = booking_create_for_salon(
        actor=manager,
        business=salon,
        services=[salon.test_services["cut"]],
        start=THURSDAY,
        staff=salon.test_staff[0],
        new_contact=NewContact(name="Marie Curie", phone="0612345678", email="marie@example.org"),
        now=NOW,
    )
    customer_note_add(
        actor=manager,
        business=salon,
        contact_id=booking.contact_id,
        text="Allergic to ammonia.",
        now=NOW,
    )
    return booking.contact


def test_a_contacts_identity_is_declared_personal_in_the_registry():
    from creneau.privacy.registry import registry

    assert registry.undeclared_fields([SalonContact, CustomerNote]) == []
    assert {"name", "phone", "email"} <= set(registry.personal_fields("bookings.SalonContact"))
    assert "text" in registry.personal_fields("bookings.CustomerNote")


def test_the_export_holds_the_identity_the_bookings_and_the_notes(contact):
    data = contact_export(contacts=[contact])
    [row] = data["salon_contacts"]
    assert (row["salon"], row["name"], row["phone"], row["email"]) == (
        "Salon Test",
        "Marie Curie",
        "+33612345678",
        "marie@example.org",
    )
    assert [b["services"] for b in data["salon_contact_bookings"]] == ["Coupe"]
    assert data["salon_contact_notes"][0]["text"] == "Allergic to ammonia."


def test_the_account_export_of_the_same_person_includes_the_contact(contact, make_user):
    from creneau.privacy.export import export_collect

    person = make_user("marie@example.org", first_name="Marie", last_name="Curie")
    data = export_collect(user=person)
    assert [row["name"] for row in data["salon_contacts"]] == ["Marie Curie"]
    assert data["salon_contact_notes"][0]["text"] == "Allergic to ammonia."


def test_a_phone_number_alone_does_not_export_a_contact(contact, make_user):
    from creneau.privacy.export import export_collect

    stranger = make_user("other@example.org", phone="+33612345678")
    assert export_collect(user=stranger)["salon_contacts"] == []


def test_erasing_the_person_erases_the_contact_with_the_same_email(contact, make_user):
    from creneau.privacy.erasure import customer_erase

    person = make_user("marie@example.org", first_name="Marie", last_name="Curie")
    customer_erase(user=person, actor=person, reason="account", now=NOW)
    contact.refresh_from_db()
    assert contact.is_erased
    assert contact.name == ""


def test_erasure_blanks_the_identity_and_keeps_the_past_for_accounting(contact):
    erased = contact_erase(contact=contact, now=THURSDAY + timedelta(days=1))
    assert (erased.name, str(erased.phone or ""), erased.email) == ("", "", "")
    assert erased.is_erased
    booking = Booking.objects.get(contact=contact)
    assert booking.status == Booking.Status.CONFIRMED  # in the past: kept as it was
    assert not CustomerNote.objects.exists()
    assert OutboundMessage.objects.filter(to_address="marie@example.org").count() == 0
    assert AuditEntry.objects.filter(subject_contact=contact).exists()  # the trail stays


def test_erasure_cancels_the_future_bookings(contact):
    contact_erase(contact=contact, now=NOW)
    assert Booking.objects.get(contact=contact).status == Booking.Status.CANCELLED_BY_CUSTOMER


def test_an_erased_contact_is_no_longer_one_of_the_salons_customers(contact, salon, manager):
    from creneau.bookings.salon import customer_file_open
    from creneau.catalog.permissions import NotFound

    contact_erase(contact=contact, now=NOW)
    with pytest.raises(NotFound):
        customer_file_open(actor=manager, business=salon, contact_id=contact.pk, now=NOW)
