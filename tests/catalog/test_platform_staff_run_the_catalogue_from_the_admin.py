"""Platform staff run the catalogue from the Django admin."""

from __future__ import annotations

from datetime import time

import pytest
from django.urls import reverse

from creneau.catalog.models import Business, Service, StaffMember, WorkingHours
from creneau.catalog.selectors import business_search

MODELS = ["business", "servicecategory", "service", "staffmember", "closure", "timeoff"]


@pytest.fixture
def platform_admin(make_user):
    return make_user(
        "ops@creneau.example",
        first_name="Alex",
        phone="+33700000001",
        is_staff=True,
        is_superuser=True,
        language="en",  # assertions read interface text in English, whatever the .po says
    )


@pytest.fixture
def admin_client(client, platform_admin):
    client.force_login(platform_admin)
    return client


def management_form(prefix: str) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def business_form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Maison Zoé",
        "slug": "",
        "category": "beauty",
        "description": "",
        "is_active": "on",
        "address": "3 place Bellecour",
        "postcode": "69002",
        "city": "Lyon",
        "latitude": "",
        "longitude": "",
        "timezone": "Europe/Paris",
        "phone": "",
        "slot_step_minutes": "15",
        "min_notice_minutes": "60",
        "horizon_days": "60",
        "cancellation_deadline_hours": "24",
        "reminder_hours": "24",
        **management_form("staff"),
        **management_form("service_categories"),
        **management_form("closures"),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("model", MODELS)
def test_every_catalogue_list_and_add_page_opens(admin_client, salon, model):
    assert admin_client.get(reverse(f"admin:catalog_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:catalog_{model}_add")).status_code == 200


def test_a_salon_page_opens_with_its_team_and_closures(admin_client, salon):
    response = admin_client.get(reverse("admin:catalog_business_change", args=[salon.pk]))
    assert response.status_code == 200
    assert "Chloé" in response.content.decode()


def test_the_list_searches_salons_by_city_or_postcode(admin_client, salon, make_business):
    make_business("Salon Lyonnais", city="Lyon", postcode="69001")
    response = admin_client.get(reverse("admin:catalog_business_changelist"), {"q": "69001"})
    assert "Salon Lyonnais" in response.content.decode()
    assert "Salon Éléa" not in response.content.decode()


def test_a_customer_cannot_open_the_admin(client, customer):
    client.force_login(customer)
    response = client.get(reverse("admin:catalog_business_changelist"))
    assert response.status_code == 302


def test_adding_a_salon_fills_its_slugs_and_makes_it_searchable(admin_client, db):
    response = admin_client.post(reverse("admin:catalog_business_add"), business_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    business = Business.objects.get(name="Maison Zoé")
    assert (business.slug, business.city_slug) == ("maison-zoe", "lyon")
    assert [b.pk for b in business_search(text="zoe", where="Lyon")] == [business.pk]


def test_moving_a_salon_to_another_city_moves_its_address(admin_client, salon):
    data = business_form(name=salon.name, slug=salon.slug, city="Marseille", postcode="13001")
    response = admin_client.post(reverse("admin:catalog_business_change", args=[salon.pk]), data)
    assert response.status_code == 302
    salon.refresh_from_db()
    assert salon.get_absolute_url() == "/salons/marseille/salon-elea/"


def test_a_bad_postcode_is_shown_as_a_form_error(admin_client, db):
    response = admin_client.post(
        reverse("admin:catalog_business_add"), business_form(postcode="6900")
    )
    assert response.status_code == 200
    assert "Enter a French postcode of five digits." in response.content.decode()


def service_form(business: Business, **overrides) -> dict:
    data = {
        "business": str(business.pk),
        "category": "",
        "name": "Soin Olaplex",
        "description": "",
        "duration_minutes": "30",
        "buffer_minutes": "0",
        "price": "25.00",
        "is_active": "on",
        "position": "0",
        "staff": [],
    }
    data.update(overrides)
    return data


def test_a_new_service_is_searchable_at_once(admin_client, salon):
    response = admin_client.post(reverse("admin:catalog_service_add"), service_form(salon))
    assert response.status_code == 302
    assert [b.pk for b in business_search(text="olaplex")] == [salon.pk]


def test_a_service_cannot_be_performed_by_another_salons_staff(admin_client, salon, make_business):
    other = make_business("Autre salon", city="Lyon", postcode="69001")
    stranger = StaffMember.objects.create(business=other, display_name="Étranger")
    response = admin_client.post(
        reverse("admin:catalog_service_add"), service_form(salon, staff=[str(stranger.pk)])
    )
    assert response.status_code == 200
    assert "These staff members work at another salon: Étranger." in response.content.decode()
    assert not Service.objects.filter(name="Soin Olaplex").exists()


def test_overlapping_working_hours_on_one_day_are_refused(admin_client, salon):
    member = salon.staff.get(display_name="Karim")
    WorkingHours.objects.filter(staff=member).delete()
    data = {
        "business": str(salon.pk),
        "display_name": "Karim",
        "user": "",
        "role": "staff",
        "is_active": "on",
        "position": "1",
        "working_hours-TOTAL_FORMS": "2",
        "working_hours-INITIAL_FORMS": "0",
        "working_hours-MIN_NUM_FORMS": "0",
        "working_hours-MAX_NUM_FORMS": "1000",
        "working_hours-0-weekday": "2",
        "working_hours-0-start": "09:00",
        "working_hours-0-end": "13:00",
        "working_hours-1-weekday": "2",
        "working_hours-1-start": "12:30",
        "working_hours-1-end": "18:00",
        **management_form("time_off"),
    }
    url = reverse("admin:catalog_staffmember_change", args=[member.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "On Wednesday, 09:00-13:00 and 12:30-18:00 overlap." in response.content.decode()
    assert not WorkingHours.objects.filter(staff=member).exists()

    data["working_hours-1-start"] = "14:00"
    assert admin_client.post(url, data).status_code == 302
    assert list(
        WorkingHours.objects.filter(staff=member).values_list("start", "end").order_by("start")
    ) == [(time(9), time(13)), (time(14), time(18))]
