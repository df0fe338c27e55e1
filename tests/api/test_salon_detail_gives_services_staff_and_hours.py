"""GET /api/v1/salons/{slug}: what the salon page shows, as data."""

from __future__ import annotations

from datetime import date

import pytest

from creneau.catalog.models import Closure, StaffMember
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db


def test_it_gives_services_staff_opening_hours_and_booking_policy(anonymous, salon, frozen):
    Closure.objects.create(
        business=salon, start_date=date(2026, 12, 24), end_date=date(2026, 12, 26), label="Noël"
    )
    alice, bruno, chloe = salon.test_staff
    salon.test_services["colour"].staff.set([alice])

    response = anonymous.get("/api/v1/salons/salon-test")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["name"] == "Salon Test"
    assert body["timezone"] == "Europe/Paris"
    assert body["policy"] == {
        "slot_step_minutes": 15,
        "min_notice_minutes": 60,
        "horizon_days": 60,
        "cancellation_deadline_hours": 24,
    }
    services = {s["name"]: s for s in body["services"]}
    assert services["Coupe"]["price"] == {"amount": "35.00", "currency": "EUR"}
    assert services["Coupe"]["duration_minutes"] == 30
    assert services["Coupe"]["staff_ids"] == sorted([alice.pk, bruno.pk, chloe.pk])
    assert services["Couleur"]["staff_ids"] == [alice.pk]
    assert [s["display_name"] for s in body["staff"]] == ["Alice", "Bruno", "Chloé"]
    monday = body["opening_hours"][0]
    assert monday["weekday"] == 0
    assert monday["ranges"] == [
        {"start": "09:00:00", "end": "12:00:00"},
        {"start": "13:00:00", "end": "18:00:00"},
    ]
    assert body["opening_hours"][6]["ranges"] == []  # Sunday
    assert body["closures"] == [
        {"start_date": "2026-12-24", "end_date": "2026-12-26", "label": "Noël"}
    ]


def test_inactive_staff_are_not_listed(anonymous, salon, frozen):
    StaffMember.objects.filter(pk=salon.test_staff[2].pk).update(is_active=False)
    body = anonymous.get("/api/v1/salons/salon-test").json()
    assert [s["display_name"] for s in body["staff"]] == ["Alice", "Bruno"]


def test_an_unknown_salon_is_not_found(anonymous, salon):
    assert_problem(anonymous.get("/api/v1/salons/no-such-salon"), 404, "not-found")


def test_an_unpublished_salon_is_not_found(anonymous, salon):
    salon.is_active = False
    salon.save(update_fields=["is_active"])
    assert_problem(anonymous.get("/api/v1/salons/salon-test"), 404, "not-found")
