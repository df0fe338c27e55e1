"""The demo data command: realistic, deterministic, bulk, and with logins that work."""

from __future__ import annotations

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db.models import Count

from creneau.accounts.models import User
from creneau.accounts.phone import validate_mobile
from creneau.catalog.demo import DEMO_PASSWORD
from creneau.catalog.models import (
    Business,
    Closure,
    Service,
    StaffMember,
    TimeOff,
    WorkingHours,
)
from creneau.catalog.services import DERIVED_FIELDS, business_reindex

TODAY = date(2026, 11, 2)


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--today", TODAY.isoformat(), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db) -> str:
    return seed("--no-bookings")


def snapshot() -> list[tuple]:
    return list(
        Business.objects.order_by("slug").values_list(
            "slug", "name", "postcode", "phone", "price_from", "service_count"
        )
    )


def test_it_creates_forty_salons_over_eight_french_cities(demo):
    cities = Counter(Business.objects.values_list("city", flat=True))
    assert sum(cities.values()) == 40
    assert set(cities) == {
        "Paris",
        "Lyon",
        "Marseille",
        "Toulouse",
        "Bordeaux",
        "Lille",
        "Nantes",
        "Strasbourg",
    }
    assert set(cities.values()) == {5}


def test_each_salon_has_two_to_twelve_staff_and_ten_to_thirty_services(demo):
    for business in Business.objects.annotate(
        staff_count=Count("staff", distinct=True), services_count=Count("services", distinct=True)
    ):
        assert 2 <= business.staff_count <= 12, business
        assert 10 <= business.services_count <= 30, business


def test_hours_have_lunch_breaks_and_some_salons_close_on_sunday_and_monday(demo):
    days_by_salon: dict[int, set[int]] = {}
    for business_id, weekday in WorkingHours.objects.values_list("staff__business", "weekday"):
        days_by_salon.setdefault(business_id, set()).add(weekday)
    assert any(not days & {0, 6} for days in days_by_salon.values())
    assert any(6 in days for days in days_by_salon.values())
    # Two ranges the same day for one person is a lunch break.
    split_days = WorkingHours.objects.values("staff", "weekday").annotate(n=Count("pk")).filter(n=2)
    assert split_days.exists()


def test_some_staff_take_time_off_and_salons_close_on_public_holidays(demo):
    assert TimeOff.objects.exists()
    assert Closure.objects.filter(label="Noël", start_date=date(2026, 12, 25)).exists()
    assert all(t.start.date() >= TODAY for t in TimeOff.objects.all())


def test_prices_are_realistic_euros(demo):
    prices = list(Service.objects.values_list("price", flat=True))
    assert min(prices) >= 0
    assert max(prices) <= 400
    assert all(price * 2 == int(price * 2) for price in prices)  # whole or half euros


def test_every_generated_row_passes_model_validation(demo):
    for model in (Business, StaffMember, Service, WorkingHours, TimeOff, Closure):
        for row in model.objects.all()[:200]:
            row.full_clean()


def test_derived_columns_are_what_the_reindex_service_computes(demo):
    before = list(Business.objects.order_by("pk").values_list(*DERIVED_FIELDS))
    business_reindex(business_ids=Business.objects.values_list("pk", flat=True))
    assert list(Business.objects.order_by("pk").values_list(*DERIVED_FIELDS)) == before


def test_the_same_seed_gives_the_same_salons(db):
    seed("--seed", "7", "--no-users", "--no-bookings")
    first = snapshot()
    Business.objects.all().delete()
    seed("--seed", "7", "--no-users", "--no-bookings")
    assert snapshot() == first
    Business.objects.all().delete()
    seed("--seed", "8", "--no-users", "--no-bookings")
    assert snapshot() != first


def test_the_first_salon_is_salon_elea_in_paris(demo):
    business = Business.objects.get(slug="salon-elea")
    assert (business.name, business.city, business.category) == ("Salon Éléa", "Paris", "hair")


def test_it_prints_the_three_logins_and_the_password(demo):
    for email in ("client@demo.creneau.fr", "pro@demo.creneau.fr", "admin@demo.creneau.fr"):
        assert email in demo
    assert DEMO_PASSWORD in demo


def test_the_demo_accounts_have_verified_addresses_and_valid_mobiles(demo):
    for user in User.objects.all():
        assert user.check_password(DEMO_PASSWORD)
        validate_mobile(user.phone)
        assert EmailAddress.objects.filter(
            user=user, email=user.email, verified=True, primary=True
        ).exists()


def test_the_demo_professional_owns_salon_elea_and_the_admin_is_platform_staff(demo):
    owner = StaffMember.objects.get(user__email="pro@demo.creneau.fr")
    assert owner.role == StaffMember.Role.OWNER
    assert owner.business.slug == "salon-elea"
    admin = User.objects.get(email="admin@demo.creneau.fr")
    assert admin.is_staff and admin.is_superuser
    customer = User.objects.get(email="client@demo.creneau.fr")
    assert not customer.is_staff and not customer.staff_memberships.exists()


def test_if_empty_leaves_a_database_with_salons_alone(demo):
    output = seed("--if-empty")
    assert "already has salons" in output
    assert Business.objects.count() == 40


def test_running_it_again_reuses_the_demo_accounts(demo):
    seed("--salons", "3")
    assert User.objects.filter(email="pro@demo.creneau.fr").count() == 1
    assert Business.objects.count() == 43
    assert len(set(Business.objects.values_list("slug", flat=True))) == 43


def test_the_salons_option_builds_bigger_data_sets_in_batches(db):
    output = seed("--salons", "510", "--no-users")
    assert Business.objects.count() == 510
    assert "Created 510 salons" in output
    assert not User.objects.exists()
