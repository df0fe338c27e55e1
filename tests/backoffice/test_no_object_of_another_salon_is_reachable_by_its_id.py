"""Changing an id in a URL never reaches another salon's object: 404, as for an id that does
not exist, so ids are not confirmed. Writes to them are refused the same way and change
nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from creneau.bookings.models import CustomerNote, SalonContact
from creneau.bookings.services import booking_create
from creneau.catalog.models import Closure, Service, ServiceCategory, TimeOff
from tests.backoffice.conftest import NOW, THURSDAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(other_salon, other_owner, make_user):
    """One object of each kind at Autre Salon."""
    member = other_salon.test_staff[0]
    service = Service.objects.create(
        business=other_salon, name="Brushing", duration_minutes=30, price="25.00"
    )
    service.staff.set([member])
    customer = make_user("only.there@example.org", phone="+33688888888")
    booking = booking_create(
        customer=customer, business=other_salon, services=[service], start=THURSDAY, now=NOW
    )
    contact = SalonContact.objects.create(
        business=other_salon, name="Lyon Walk-in", phone="+33699999999", created_at=NOW
    )
    return {
        "booking": booking,
        "customer": customer,
        "contact": contact,
        "service": service,
        "category": ServiceCategory.objects.create(business=other_salon, name="Lyon"),
        "staff": member,
        "time_off": TimeOff.objects.create(
            staff=member, start=THURSDAY, end=THURSDAY + timedelta(hours=1)
        ),
        "closure": Closure.objects.create(
            business=other_salon, start_date=date(2026, 12, 24), end_date=date(2026, 12, 26)
        ),
        "note": CustomerNote.objects.create(
            business=other_salon, contact=contact, text="Lyon note", created_at=NOW
        ),
    }


READS = [
    "/pro/salon-test/bookings/{booking.reference}/",
    "/pro/salon-test/bookings/{booking.reference}/move/",
    "/pro/salon-test/bookings/{booking.reference}/cancel/",
    "/pro/salon-test/customers/account/{customer.pk}/",
    "/pro/salon-test/customers/contact/{contact.pk}/",
    "/pro/salon-test/bookings/new/?customer={customer.pk}",
    "/pro/salon-test/bookings/new/?contact={contact.pk}",
    "/pro/salon-test/settings/services/{service.pk}/",
    "/pro/salon-test/settings/categories/{category.pk}/",
    "/pro/salon-test/settings/staff/{staff.pk}/",
    "/pro/salon-test/settings/staff/{staff.pk}/hours/",
    "/pro/salon-test/week/?staff={staff.pk}",
    "/pro/autre-salon/",
    "/pro/autre-salon/bookings/{booking.reference}/",
    "/pro/autre-salon/customers/",
    "/pro/autre-salon/settings/",
]

WRITES = [
    ("/pro/salon-test/bookings/{booking.reference}/cancel/", {}),
    ("/pro/salon-test/bookings/{booking.reference}/outcome/", {"outcome": "no_show"}),
    ("/pro/salon-test/customers/contact/{contact.pk}/", {"text": "Sneaky note"}),
    ("/pro/salon-test/customers/contact/{contact.pk}/notes/{note.pk}/delete/", {}),
    ("/pro/salon-test/customers/account/{customer.pk}/notes/{note.pk}/delete/", {}),
    ("/pro/salon-test/time-off/{time_off.pk}/delete/", {}),
    ("/pro/salon-test/closures/{closure.pk}/delete/", {}),
    ("/pro/salon-test/settings/categories/{category.pk}/delete/", {}),
    ("/pro/salon-test/settings/services/{service.pk}/", {"name": "Hijacked"}),
    ("/pro/salon-test/settings/staff/{staff.pk}/", {"display_name": "Hijacked"}),
    ("/pro/salon-test/settings/staff/{staff.pk}/hours/", {"day_0": "00:00-23:00"}),
]


@pytest.mark.parametrize("path", READS)
def test_another_salons_object_is_not_found(path, elsewhere, owner, login):
    response = login(owner).get(path.format(**elsewhere))
    assert response.status_code == 404


@pytest.mark.parametrize(("path", "data"), WRITES, ids=[w[0] for w in WRITES])
def test_writing_to_another_salons_object_is_not_found_and_changes_nothing(
    path, data, elsewhere, owner, login, other_salon
):
    response = login(owner).post(path.format(**elsewhere), data)
    assert response.status_code == 404
    booking = elsewhere["booking"]
    booking.refresh_from_db()
    assert booking.status == "confirmed"
    assert CustomerNote.objects.filter(business=other_salon).count() == 1
    assert TimeOff.objects.filter(pk=elsewhere["time_off"].pk).exists()
    assert Closure.objects.filter(pk=elsewhere["closure"].pk).exists()
    assert ServiceCategory.objects.filter(pk=elsewhere["category"].pk).exists()
    assert Service.objects.get(pk=elsewhere["service"].pk).name == "Brushing"
    elsewhere["staff"].refresh_from_db()
    assert elsewhere["staff"].display_name == "Zoé"
    assert elsewhere["staff"].working_hours.count() == 6
