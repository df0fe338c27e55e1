"""The salon's customers: those who booked there and the contacts it entered; searched by
name, e-mail or phone; plain staff see the customers of their own bookings."""

from __future__ import annotations

import pytest

from creneau.bookings.customers import salon_customers
from creneau.bookings.models import SalonContact
from creneau.bookings.services import booking_create
from creneau.catalog.models import Service
from tests.backoffice.conftest import NOW, THURSDAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(salon, customer, other_customer, other_salon, make_user, book):
    """Camille booked with Alice, Jean with Chloé; Léa only at Autre Salon; a walk-in contact."""
    book(customer, staff_index=0)
    book(other_customer, staff_index=2)
    elsewhere = make_user(
        "lea@example.org", first_name="Léa", last_name="Ailleurs", phone="+33655555555"
    )
    service = Service.objects.create(
        business=other_salon, name="Brushing", duration_minutes=30, price="25.00"
    )
    service.staff.set(other_salon.test_staff)
    booking_create(
        customer=elsewhere, business=other_salon, services=[service], start=THURSDAY, now=NOW
    )
    SalonContact.objects.create(
        business=salon,
        name="Marie Curie",
        phone="+33612121212",
        email="marie@example.org",
        created_at=NOW,
    )


def names(rows):
    return [row.name for row in rows]


def test_owners_and_managers_see_every_customer_of_the_salon_and_no_one_else(
    salon, manager, people
):
    assert names(salon_customers(actor=manager, business=salon)) == [
        "Camille Dupont",
        "Jean Martin",
        "Marie Curie",
    ]


def test_a_staff_member_sees_the_customers_of_their_own_bookings(salon, staff_user, people):
    assert names(salon_customers(actor=staff_user, business=salon)) == ["Jean Martin"]


def test_the_search_matches_names_emails_and_phones_typed_the_french_way(salon, manager, people):
    def search(query):
        return names(salon_customers(actor=manager, business=salon, query=query))

    assert search("dupont") == ["Camille Dupont"]
    assert search("jean.martin@") == ["Jean Martin"]
    assert search("06 12 12 12 12") == ["Marie Curie"]
    assert search("Léa") == []  # a customer of another salon only


def test_the_list_page_shows_the_count_and_marks_contacts(salon, manager, people, login):
    html = login(manager).get("/pro/salon-test/customers/?q=marie").content.decode()
    assert "1 customer" in html
    assert "entered by the salon" in html
