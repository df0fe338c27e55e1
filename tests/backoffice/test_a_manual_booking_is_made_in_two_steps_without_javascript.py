"""The manual booking form: who/what/which day (GET), then a free time and the person (POST)."""

from __future__ import annotations

import re

import pytest
import time_machine

from creneau.bookings.models import Booking, SalonContact
from tests.backoffice.conftest import NOW

pytestmark = pytest.mark.django_db
NEW = "/pro/salon-test/bookings/new/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def step_one(salon, staff_index=0, service="cut", day="2026-12-10"):
    return {
        "staff": salon.test_staff[staff_index].pk,
        "services": salon.test_services[service].pk,
        "date": day,
    }


def test_the_free_times_of_the_chosen_staff_member_and_day_are_offered(salon, manager, login):
    html = login(manager).get(NEW, step_one(salon)).content.decode()
    times = re.findall(r'<label for="start-\d+">(\d\d:\d\d)</label>', html)
    assert times[0] == "09:00"
    assert "12:00" not in times  # lunch
    assert times[-1] == "17:15"  # a 30-minute cut and its 10 minutes of buffer end by 18:00


def test_a_walk_in_is_booked_and_the_agenda_shows_it(salon, manager, login):
    client = login(manager)
    html = client.get(NEW, step_one(salon)).content.decode()
    start = re.search(r'name="start" id="start-1" value="([^"]+)"', html).group(1)
    key = re.search(r'name="key" value="([^"]+)"', html).group(1)
    response = client.post(
        NEW,
        {
            **step_one(salon),
            "start": start,
            "key": key,
            "name": "Marie Curie",
            "phone": "06 12 34 56 78",
            "email": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/pro/salon-test/?date=2026-12-10"
    booking = Booking.objects.get()
    assert booking.contact.name == "Marie Curie"
    assert booking.source == Booking.Source.BACKOFFICE
    assert "Marie Curie" in client.get(response["Location"]).content.decode()


def test_the_form_sent_twice_books_once(salon, manager, login):
    client = login(manager)
    html = client.get(NEW, step_one(salon)).content.decode()
    start = re.search(r'name="start" id="start-1" value="([^"]+)"', html).group(1)
    data = {
        **step_one(salon),
        "start": start,
        "key": "same-key",
        "name": "Léa",
        "phone": "0611111111",
    }
    client.post(NEW, data)
    client.post(NEW, data)
    assert Booking.objects.count() == 1
    assert SalonContact.objects.count() == 1


def test_an_existing_customer_is_booked_from_their_file(salon, manager, customer, book, login):
    book(customer)
    client = login(manager)
    html = client.get(
        NEW, {**step_one(salon, staff_index=1, day="2026-12-11"), "customer": customer.pk}
    ).content.decode()
    assert "Camille Dupont" in html
    assert 'name="name"' not in html  # no contact to enter
    start = re.search(r'name="start" id="start-1" value="([^"]+)"', html).group(1)
    client.post(
        NEW,
        {
            **step_one(salon, staff_index=1, day="2026-12-11"),
            "customer": customer.pk,
            "start": start,
        },
    )
    assert Booking.objects.filter(customer=customer, source="backoffice").count() == 1


def test_a_taken_time_sends_back_to_the_fresh_times_with_a_message(
    salon, manager, customer, book, login
):
    taken = book(customer, staff_index=0)
    response = login(manager).post(
        NEW,
        {**step_one(salon), "start": taken.start.isoformat(), "name": "Léa", "phone": "0611111111"},
        follow=True,
    )
    assert "This slot has just been taken" in response.content.decode()
    assert Booking.objects.count() == 1
