"""The booking's page in the back office shows its whole history and who cancelled it; the
customer's own booking page shows the same events without the salon's notes, the team by their
display name; and the customer's "who looked at my data" list stays about accesses only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from creneau.bookings.history import booking_note_add
from creneau.bookings.salon import booking_mark_outcome
from creneau.bookings.services import booking_cancel, booking_reschedule
from creneau.privacy.audit import audit_access_log
from tests.backoffice.conftest import NOW, THURSDAY
from tests.conftest import paris

pytestmark = pytest.mark.django_db


def test_a_booking_the_customer_cancelled_is_shown_as_cancelled_by_the_customer(
    salon, manager, customer, book, login
):
    booking = book(customer)
    booking_cancel(booking=booking, actor=customer, now=NOW)
    page = login(manager).get(f"/pro/{salon.slug}/bookings/{booking.reference}/").text
    assert "Cancelled by the customer" in page
    assert "Cancelled by you" not in page
    file_page = login(manager).get(f"/pro/{salon.slug}/customers/account/{customer.pk}/").text
    assert "Cancelled by the customer" in file_page
    assert "Cancelled by you" not in file_page


def test_a_booking_the_salon_cancelled_names_who_did_it(salon, manager, customer, book, login):
    booking = book(customer)
    booking_cancel(booking=booking, actor=manager, now=NOW)
    page = login(manager).get(f"/pro/{salon.slug}/bookings/{booking.reference}/").text
    assert "Cancelled by Bruno (the salon)" in page


def test_the_french_back_office_says_annule_par_le_client(
    salon, manager, customer, book, login, settings
):
    booking = book(customer)
    booking_cancel(booking=booking, actor=customer, now=NOW)
    client = login(manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get(f"/pro/{salon.slug}/bookings/{booking.reference}/").text
    assert "Annulé par le client" in page
    assert "Annulé par vous" not in page


def test_the_back_office_page_lists_every_event_and_takes_a_note(
    salon, staff_user, customer, book, login
):
    booking = book(customer)
    booking_reschedule(booking=booking, actor=customer, start=paris(2026, 12, 11, 15), now=NOW)
    client = login(staff_user)
    url = f"/pro/{salon.slug}/bookings/{booking.reference}/"
    response = client.post(url + "note/", {"note": "Bring the colour chart"})
    assert response.status_code == 302
    page = client.get(url).text
    assert page.index("Booked") < page.index("Moved") < page.index("Bring the colour chart")
    assert "by the customer" in page
    assert "by Chloé (the salon)" in page
    assert "Friday 11 December 2026, 15:00" in page


def test_an_empty_note_is_refused(salon, staff_user, customer, book, login):
    booking = book(customer)
    client = login(staff_user)
    url = f"/pro/{salon.slug}/bookings/{booking.reference}/"
    client.post(url + "note/", {"note": "   "})
    assert booking.events.count() == 1


def test_the_customer_sees_the_history_without_the_salons_notes(
    salon, staff_user, customer, book, login
):
    booking = book(customer)
    after = THURSDAY + timedelta(hours=1)
    booking_note_add(booking=booking, actor=staff_user, text="Talkative, likes jazz", now=NOW)
    booking_mark_outcome(booking=booking, actor=staff_user, outcome="completed", now=after)
    page = login(customer).get(f"/account/bookings/{booking.reference}/").text
    assert "History of this booking" in page
    assert "by you" in page
    assert "Marked as honoured" in page
    assert "by Chloé (the salon)" in page
    assert "jazz" not in page
    assert "Leroy" not in page  # the staff member's last name


def test_the_access_log_still_lists_only_who_looked_at_the_data(
    salon, manager, customer, book, login
):
    booking = book(customer)
    booking_reschedule(booking=booking, actor=manager, start=paris(2026, 12, 11, 15), now=NOW)
    booking_note_add(booking=booking, actor=manager, text="Late", now=NOW)
    booking_cancel(booking=booking, actor=manager, now=NOW)
    assert audit_access_log(user=customer) == []
    login(manager).get(f"/pro/{salon.slug}/customers/account/{customer.pk}/")
    log = audit_access_log(user=customer)
    assert [entry["what"] for entry in log] == ["opened your customer file"]
