"""The agenda's script moves a dragged booking by posting to the move form's own address and
asking for JSON: the move is re-checked by the same domain function, and a refusal carries the
words the form shows."""

from __future__ import annotations

import re

import pytest
import time_machine

from tests.backoffice.conftest import NOW, THURSDAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def drop(client, booking, *, staff, start):
    return client.post(
        f"/pro/salon-test/bookings/{booking.reference}/move/",
        {"date": start.date().isoformat(), "staff": staff.pk, "start": start.isoformat()},
        HTTP_ACCEPT="application/json",
    )


def test_a_drop_on_a_free_time_moves_the_booking(salon, manager, book, customer, login):
    booking = book(customer, staff_index=0)
    bruno = salon.test_staff[1]
    response = drop(login(manager), booking, staff=bruno, start=THURSDAY.replace(hour=11))
    assert response.status_code == 200
    assert response.json() == {"moved": True, "url": "/pro/salon-test/?date=2026-12-10"}
    booking.refresh_from_db()
    assert booking.staff == bruno and booking.start == THURSDAY.replace(hour=11)


def test_a_drop_on_another_booking_is_refused_in_the_forms_words(
    salon, manager, book, customer, other_customer, login
):
    client = login(manager)
    moving = book(customer, staff_index=0)
    book(other_customer, staff_index=0, start=THURSDAY.replace(hour=14))
    response = drop(client, moving, staff=salon.test_staff[0], start=THURSDAY.replace(hour=14))
    assert response.status_code == 409
    refusal = response.json()["error"]
    assert refusal == "This slot has just been taken. Please choose another time."
    moving.refresh_from_db()
    assert moving.start == THURSDAY

    # The form, sent with the same time, shows the same words as its error.
    page = client.post(
        f"/pro/salon-test/bookings/{moving.reference}/move/",
        {
            "date": "2026-12-10",
            "staff": salon.test_staff[0].pk,
            "start": THURSDAY.replace(hour=14).isoformat(),
        },
    ).content.decode()
    assert re.search(rf'class="errorlist move-error" role="alert">{re.escape(refusal)}<', page)


def test_a_staff_member_cannot_drop_a_booking_in_a_colleagues_column(
    salon, staff_user, book, customer, login
):
    booking = book(customer, staff_index=2)
    response = drop(
        login(staff_user), booking, staff=salon.test_staff[0], start=THURSDAY.replace(hour=11)
    )
    # A colleague's column is not among the choices of a plain staff member's move form.
    assert response.status_code == 400
    assert response.json() == {"error": "This move is not valid."}
    booking.refresh_from_db()
    assert booking.staff == salon.test_staff[2]


def test_a_malformed_drop_is_answered_in_json(salon, manager, book, customer, login):
    booking = book(customer, staff_index=0)
    response = login(manager).post(
        f"/pro/salon-test/bookings/{booking.reference}/move/",
        {"date": "2026-12-10", "start": "not a time"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"error": "This move is not valid."}
