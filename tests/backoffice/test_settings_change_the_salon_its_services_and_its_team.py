"""Settings, for owners and managers: details, policy, services and their performers, staff and
their services, weekly hours; ownership is for owners; the public search follows."""

from __future__ import annotations

from datetime import time

import pytest

from creneau.catalog.models import Service, ServiceCategory, StaffMember, WorkingHours
from creneau.catalog.permissions import NotAllowed
from creneau.catalog.salon_settings import staff_save

pytestmark = pytest.mark.django_db


def test_a_manager_edits_the_salons_details_and_the_search_follows(salon, manager, login):
    response = login(manager).post(
        "/pro/salon-test/settings/details/",
        {
            "name": "Salon Éclat",
            "description": "",
            "address": "1 rue du Test",
            "postcode": "75011",
            "city": "Paris",
            "phone": "",
        },
    )
    assert response.status_code == 302
    salon.refresh_from_db()
    assert salon.name == "Salon Éclat"
    assert salon.search_name == "salon eclat"


def test_the_booking_policy_is_validated_and_saved(salon, manager, login):
    client = login(manager)
    policy = {
        "slot_step_minutes": 30,
        "min_notice_minutes": 120,
        "horizon_days": 90,
        "cancellation_deadline_hours": 48,
        "reminder_hours": 24,
    }
    assert (
        client.post("/pro/salon-test/settings/policy/", {**policy, "horizon_days": 999}).status_code
        == 200
    )
    client.post("/pro/salon-test/settings/policy/", policy)
    salon.refresh_from_db()
    assert (salon.slot_step_minutes, salon.horizon_days, salon.cancellation_deadline_hours) == (
        30,
        90,
        48,
    )


def test_a_new_service_with_its_performers_reaches_the_price_summary(salon, manager, login):
    category = ServiceCategory.objects.create(business=salon, name="Soins")
    login(manager).post(
        "/pro/salon-test/settings/services/new/",
        {
            "name": "Soin express",
            "category": category.pk,
            "description": "",
            "duration_minutes": 20,
            "buffer_minutes": 0,
            "price": "15.00",
            "is_active": "on",
            "position": 3,
            "performers": [salon.test_staff[0].pk],
        },
    )
    service = Service.objects.get(name="Soin express")
    assert list(service.staff.all()) == [salon.test_staff[0]]
    salon.refresh_from_db()
    assert salon.price_from == 15
    assert salon.service_count == 3


def test_a_staff_member_and_the_services_they_perform_are_saved(salon, manager, login):
    member = salon.test_staff[2]
    login(manager).post(
        f"/pro/salon-test/settings/staff/{member.pk}/",
        {
            "display_name": "Chloé B.",
            "role": "staff",
            "is_active": "on",
            "position": 2,
            "performs": [salon.test_services["cut"].pk],
        },
    )
    member.refresh_from_db()
    assert member.display_name == "Chloé B."
    assert list(member.services.all()) == [salon.test_services["cut"]]


def test_weekly_hours_are_written_as_ranges_per_day(salon, manager, login):
    member = salon.test_staff[0]
    days = {f"day_{d}": "" for d in range(7)}
    response = login(manager).post(
        f"/pro/salon-test/settings/staff/{member.pk}/hours/",
        {**days, "day_0": "9h-12h, 13:30-19:00", "day_2": "10:00-16:00"},
    )
    assert response.status_code == 302
    assert list(
        WorkingHours.objects.filter(staff=member).values_list("weekday", "start", "end")
    ) == [(0, time(9), time(12)), (0, time(13, 30), time(19)), (2, time(10), time(16))]


def test_overlapping_ranges_are_refused(salon, manager, login):
    member = salon.test_staff[0]
    response = login(manager).post(
        f"/pro/salon-test/settings/staff/{member.pk}/hours/", {"day_0": "09:00-12:00, 11:00-14:00"}
    )
    assert response.status_code == 200
    assert "Two ranges of one day overlap." in response.content.decode()
    assert WorkingHours.objects.filter(staff=member, weekday=0).count() == 2  # unchanged


def test_a_manager_cannot_make_anyone_owner(salon, owner, manager):
    member = salon.test_staff[2]
    member.role = "owner"
    with pytest.raises(NotAllowed):
        staff_save(actor=manager, business=salon, member=member, services=[])
    assert StaffMember.objects.get(pk=member.pk).role == "staff"


def test_a_manager_cannot_demote_or_deactivate_the_owner(salon, owner, manager):
    alice = StaffMember.objects.get(pk=salon.test_staff[0].pk)
    alice.is_active = False
    with pytest.raises(NotAllowed):
        staff_save(actor=manager, business=salon, member=alice, services=[])


def test_the_last_owner_cannot_step_down(salon, owner):
    from creneau.catalog.errors import SettingsError

    alice = StaffMember.objects.get(pk=salon.test_staff[0].pk)
    alice.role = "manager"
    with pytest.raises(SettingsError):
        staff_save(actor=owner, business=salon, member=alice, services=[])


def test_an_owner_hands_ownership_to_a_colleague(salon, owner, manager):
    bruno = StaffMember.objects.get(pk=salon.test_staff[1].pk)
    bruno.role = "owner"
    staff_save(actor=owner, business=salon, member=bruno, services=[])
    assert StaffMember.objects.get(pk=bruno.pk).role == "owner"


def test_the_manager_form_does_not_offer_the_owner_role(salon, manager, login):
    html = login(manager).get("/pro/salon-test/settings/staff/new/").content.decode()
    assert 'value="manager"' in html
    assert 'value="owner"' not in html


def test_a_category_deleted_leaves_its_services(salon, manager, login):
    category = ServiceCategory.objects.create(business=salon, name="Coupes")
    Service.objects.filter(pk=salon.test_services["cut"].pk).update(category=category)
    login(manager).post(f"/pro/salon-test/settings/categories/{category.pk}/delete/")
    assert Service.objects.get(pk=salon.test_services["cut"].pk).category is None
