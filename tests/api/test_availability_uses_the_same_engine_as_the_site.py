"""GET /api/v1/salons/{slug}/availability: the free starts of the booking engine, by day."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from creneau.bookings.availability import availability_for
from creneau.bookings.services import booking_create
from creneau.catalog.models import Business
from tests.api.conftest import NOW, TUESDAY_10, assert_problem

pytestmark = pytest.mark.django_db

URL = "/api/v1/salons/salon-test/availability"


def starts(body: dict, day: str) -> list[str]:
    (found,) = [d for d in body["days"] if d["date"] == day]
    return [slot["start"] for slot in found["slots"]]


def test_it_offers_exactly_the_starts_of_the_engine(anonymous, salon, frozen):
    cut = salon.test_services["cut"]
    response = anonymous.get(URL, {"service": cut.pk, "from": "2026-12-07", "to": "2026-12-09"})

    assert response.status_code == 200, response.content
    body = response.json()
    engine = availability_for(
        business=salon,
        services=[cut],
        start_date=date(2026, 12, 7),
        end_date=date(2026, 12, 9),
        now=NOW,
    )
    offered = [
        (datetime.fromisoformat(slot["start"]).astimezone(UTC), tuple(slot["staff_ids"]))
        for day in body["days"]
        for slot in day["slots"]
    ]
    assert offered == engine.slots
    assert [day["date"] for day in body["days"]] == ["2026-12-07", "2026-12-08", "2026-12-09"]
    assert body["duration_minutes"] == 30
    assert body["price"] == {"amount": "35.00", "currency": "EUR"}


def test_times_carry_the_salons_offset(anonymous, salon, frozen):
    body = anonymous.get(
        URL, {"service": salon.test_services["cut"].pk, "from": "2026-12-08"}
    ).json()
    assert starts(body, "2026-12-08")[0] == "2026-12-08T09:00:00+01:00"
    assert body["timezone"] == "Europe/Paris"


def test_a_booked_time_is_no_longer_offered_with_that_person(anonymous, salon, customer, frozen):
    cut = salon.test_services["cut"]
    alice = salon.test_staff[0]
    booking_create(customer=customer, business=salon, services=[cut], start=TUESDAY_10, staff=alice)

    with_alice = anonymous.get(
        URL, {"service": cut.pk, "staff": alice.pk, "from": "2026-12-08"}
    ).json()
    anyone = anonymous.get(URL, {"service": cut.pk, "from": "2026-12-08"}).json()

    assert "2026-12-08T10:00:00+01:00" not in starts(with_alice, "2026-12-08")
    assert with_alice["staff"] == alice.pk
    at_ten = [s for s in anyone["days"][0]["slots"] if s["start"] == "2026-12-08T10:00:00+01:00"]
    assert at_ten and alice.pk not in at_ten[0]["staff_ids"]


def test_several_services_are_done_back_to_back(anonymous, salon, frozen):
    cut, colour = salon.test_services["cut"], salon.test_services["colour"]
    body = anonymous.get(
        URL, [("service", colour.pk), ("service", cut.pk), ("from", "2026-12-08")]
    ).json()
    assert body["services"] == [colour.pk, cut.pk]
    assert body["duration_minutes"] == 90
    # 90 minutes plus the cut's 10-minute buffer fit before noon from 10:15 at the latest.
    morning = [s for s in starts(body, "2026-12-08") if s < "2026-12-08T12"]
    assert morning[-1] == "2026-12-08T10:15:00+01:00"


def test_a_service_of_another_salon_is_a_validation_problem(anonymous, salon, frozen):
    other = Business.objects.create(
        name="Ailleurs",
        slug="ailleurs",
        category="hair",
        address="1 rue",
        postcode="75001",
        city="Paris",
        city_slug="paris",
    )
    foreign = other.services.create(name="Coupe", duration_minutes=30, price="20.00")
    body = assert_problem(anonymous.get(URL, {"service": foreign.pk}), 422, "validation-error")
    assert body["errors"][0]["field"] == "query.service"


def test_a_staff_member_of_another_salon_is_a_validation_problem(anonymous, salon, frozen):
    cut = salon.test_services["cut"]
    body = assert_problem(
        anonymous.get(URL, {"service": cut.pk, "staff": 999_999}), 422, "validation-error"
    )
    assert body["errors"][0]["field"] == "query.staff"


def test_a_service_is_required(anonymous, salon, frozen):
    body = assert_problem(anonymous.get(URL), 422, "validation-error")
    assert body["errors"][0]["field"] == "query.service"


def test_a_range_over_31_days_or_backwards_is_refused(anonymous, salon, frozen):
    cut = salon.test_services["cut"]
    too_long = anonymous.get(URL, {"service": cut.pk, "from": "2026-12-07", "to": "2027-01-07"})
    backwards = anonymous.get(URL, {"service": cut.pk, "from": "2026-12-09", "to": "2026-12-08"})
    far = anonymous.get(URL, {"service": cut.pk, "from": "9999-12-31"})
    assert assert_problem(too_long, 422, "validation-error")["errors"][0]["field"] == "query.to"
    assert assert_problem(backwards, 422, "validation-error")["errors"][0]["field"] == "query.to"
    assert_problem(far, 422, "validation-error")


def test_an_unknown_salon_is_not_found(anonymous, salon, frozen):
    cut = salon.test_services["cut"]
    response = anonymous.get("/api/v1/salons/nowhere/availability", {"service": cut.pk})
    assert_problem(response, 404, "not-found")
