"""Back-office personas: the owner, a manager and a staff member of "Salon Test", and the owner
of another salon; a time before the test bookings; helpers to book and to log in."""

from __future__ import annotations

from datetime import UTC

import pytest
from django.test import Client

from creneau.catalog.models import Business, StaffMember, StaffRole, WorkingHours
from tests.conftest import paris

# Monday 7 December 2026, 08:00 in Paris; the test bookings are on Thursday the 10th.
NOW = paris(2026, 12, 7, 8).astimezone(UTC)
THURSDAY = paris(2026, 12, 10, 10)


def _member(salon: Business, index: int, user, role: str) -> StaffMember:
    member = salon.test_staff[index]
    member.user = user
    member.role = role
    member.save(update_fields=["user", "role"])
    return member


@pytest.fixture
def owner(salon, make_user):
    """Alice, who owns Salon Test and cuts hair there."""
    user = make_user(
        "alice.owner@example.org", first_name="Alice", last_name="Roux", phone="+33611111111"
    )
    _member(salon, 0, user, StaffRole.OWNER)
    return user


@pytest.fixture
def manager(salon, make_user):
    """Bruno, who manages Salon Test."""
    user = make_user(
        "bruno.manager@example.org", first_name="Bruno", last_name="Petit", phone="+33622222222"
    )
    _member(salon, 1, user, StaffRole.MANAGER)
    return user


@pytest.fixture
def staff_user(salon, make_user):
    """Chloé, a hairdresser at Salon Test."""
    user = make_user(
        "chloe.staff@example.org", first_name="Chloé", last_name="Leroy", phone="+33633333333"
    )
    _member(salon, 2, user, StaffRole.STAFF)
    return user


@pytest.fixture
def other_salon(db):
    from datetime import time

    business = Business.objects.create(
        name="Autre Salon",
        slug="autre-salon",
        category="hair",
        address="2 rue Ailleurs",
        postcode="69001",
        city="Lyon",
        city_slug="lyon",
    )
    member = StaffMember.objects.create(business=business, display_name="Zoé")
    WorkingHours.objects.bulk_create(
        WorkingHours(staff=member, weekday=day, start=time(9), end=time(18)) for day in range(6)
    )
    business.test_staff = [member]
    return business


@pytest.fixture
def other_owner(other_salon, make_user):
    """Zoé, who owns Autre Salon: a professional, but a stranger to Salon Test."""
    user = make_user(
        "zoe.other@example.org", first_name="Zoé", last_name="Blanc", phone="+33644444444"
    )
    member = other_salon.test_staff[0]
    member.user = user
    member.role = StaffRole.OWNER
    member.save(update_fields=["user", "role"])
    return user


@pytest.fixture
def book(salon):
    """Book a cut for a customer on the site, as customers do."""
    from creneau.bookings.services import booking_create

    def make(customer, *, staff_index: int = 2, start=THURSDAY, service: str = "cut"):
        return booking_create(
            customer=customer,
            business=salon,
            services=[salon.test_services[service]],
            start=start,
            staff=salon.test_staff[staff_index],
            now=NOW,
        )

    return make


@pytest.fixture
def login(settings):
    """A test client logged in as `user` (None: anonymous), reading the pages in English."""

    def make(user) -> Client:
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        if user is not None:
            client.force_login(user)
        return client

    return make
