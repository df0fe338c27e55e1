"""GET /api/v1/bookings, /bookings/{reference} and its .ics: my bookings only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar

from creneau.bookings.services import booking_cancel, booking_create
from tests.api.conftest import TUESDAY_10, assert_problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def my_bookings(customer, salon, frozen):
    cut = salon.test_services["cut"]
    tuesday = booking_create(customer=customer, business=salon, services=[cut], start=TUESDAY_10)
    wednesday = booking_create(
        customer=customer, business=salon, services=[cut], start=TUESDAY_10 + timedelta(days=1)
    )
    cancelled = booking_create(
        customer=customer, business=salon, services=[cut], start=TUESDAY_10 + timedelta(days=2)
    )
    booking_cancel(booking=cancelled, actor=customer)
    return tuesday, wednesday, cancelled


def references(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["reference"] for item in response.json()["items"]]


def test_upcoming_bookings_come_soonest_first_and_the_rest_after(as_customer, my_bookings):
    tuesday, wednesday, cancelled = my_bookings
    upcoming = as_customer.get("/api/v1/bookings", {"when": "upcoming"})
    past = as_customer.get("/api/v1/bookings", {"when": "past"})
    everything = as_customer.get("/api/v1/bookings")

    assert references(upcoming) == [tuesday.reference, wednesday.reference]
    assert references(past) == [cancelled.reference]
    assert references(everything) == [tuesday.reference, wednesday.reference, cancelled.reference]
    assert everything.json()["total"] == 3


def test_the_list_is_paged_with_its_total(as_customer, my_bookings):
    page = as_customer.get("/api/v1/bookings", {"limit": 2, "offset": 2}).json()
    assert (page["total"], page["limit"], page["offset"], len(page["items"])) == (3, 2, 2, 1)


def test_an_unknown_filter_is_a_validation_problem(as_customer, my_bookings):
    response = as_customer.get("/api/v1/bookings", {"when": "someday"})
    assert assert_problem(response, 422, "validation-error")["errors"][0]["field"] == "query.when"


def test_a_booking_shows_its_salon_times_and_whether_it_can_still_change(as_customer, my_bookings):
    tuesday, _wednesday, cancelled = my_bookings
    body = as_customer.get(f"/api/v1/bookings/{tuesday.reference}").json()
    assert body["salon"]["slug"] == "salon-test"
    assert body["salon"]["timezone"] == "Europe/Paris"
    assert body["start"] == "2026-12-08T10:00:00+01:00"
    assert body["changeable"] is True
    assert body["calendar_url"].endswith(f"/api/v1/bookings/{tuesday.reference}/calendar.ics")

    gone = as_customer.get(f"/api/v1/bookings/{cancelled.reference}").json()
    assert gone["status"] == "cancelled_customer"
    assert gone["changeable"] is False
    assert gone["cancelled_at"].startswith("2026-12-07T08:00:00+01:00")


def test_an_unknown_reference_is_not_found(as_customer, my_bookings):
    assert_problem(as_customer.get("/api/v1/bookings/ZZZZZZZZ"), 404, "not-found")
    assert_problem(as_customer.get("/api/v1/bookings/ZZZZZZZZ/calendar.ics"), 404, "not-found")


def test_the_calendar_file_opens_at_the_local_time(as_customer, my_bookings):
    tuesday = my_bookings[0]
    response = as_customer.get(f"/api/v1/bookings/{tuesday.reference}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart").isoformat() == "2026-12-08T10:00:00+01:00"


def test_nothing_of_mine_is_readable_without_a_session(anonymous, my_bookings):
    tuesday = my_bookings[0]
    for path in (
        "/api/v1/bookings",
        f"/api/v1/bookings/{tuesday.reference}",
        f"/api/v1/bookings/{tuesday.reference}/calendar.ics",
    ):
        assert_problem(anonymous.get(path), 401, "not-authenticated")
