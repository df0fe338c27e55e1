"""Sign-up personas: Nadia, who signs her barber shop up; Rita, platform staff who reviews
salons; and helpers that take a salon through its set-up."""

from __future__ import annotations

from datetime import UTC, datetime, time
from decimal import Decimal

import pytest

from creneau.catalog.onboarding import (
    STEP_POLICY,
    STEP_TEAM,
    DayHours,
    ServiceLine,
    salon_signup,
    salon_submit,
    setup_hours_set,
    setup_services_add,
    setup_step_confirm,
)

NOW = datetime(2026, 12, 7, 9, tzinfo=UTC)
# A valid SIRET (Luhn key right), and another one.
SIRET = "73282932000074"
OTHER_SIRET = "55210055400013"


@pytest.fixture
def founder(make_user):
    """Nadia, who opens a barber shop in Lyon and signs it up herself."""
    return make_user(
        "nadia.founder@example.org", first_name="Nadia", last_name="Haddad", phone="+33655555555"
    )


@pytest.fixture
def reviewer(make_user):
    """Rita, of the platform's staff: she reviews salons that signed up."""
    return make_user(
        "rita.review@example.org",
        first_name="Rita",
        last_name="Morel",
        phone="+33677777777",
        is_staff=True,
    )


def signup(actor, *, siret: str = SIRET, name: str = "Barbier Nadia"):
    return salon_signup(
        actor=actor,
        name=name,
        category="barber",
        address="12 rue Mercière",
        postcode="69002",
        city="Lyon",
        phone="+33478000000",
        siret=siret,
        now=NOW,
    )


def week() -> list[DayHours]:
    """Tuesday to Saturday 09:00-19:00 with a lunch break, closed Sunday and Monday."""
    return [
        DayHours(
            weekday=day,
            open=True,
            start=time(9),
            end=time(19),
            break_start=time(12),
            break_end=time(13),
        )
        if 1 <= day <= 5
        else DayHours(weekday=day, open=False)
        for day in range(7)
    ]


def complete_setup(actor, business) -> None:
    setup_services_add(
        actor=actor,
        business=business,
        lines=[ServiceLine("Coupes", "Coupe homme", 30, Decimal("25"))],
    )
    setup_hours_set(actor=actor, business=business, days=week())
    setup_step_confirm(actor=actor, business=business, step=STEP_TEAM)
    setup_step_confirm(actor=actor, business=business, step=STEP_POLICY)


@pytest.fixture
def draft_salon(founder):
    return signup(founder)


@pytest.fixture
def submitted_salon(founder, draft_salon):
    complete_setup(founder, draft_salon)
    return salon_submit(actor=founder, business=draft_salon, now=NOW)


@pytest.fixture
def login(settings):
    """A test client logged in as `user` (None: anonymous), reading the pages in English."""
    from django.test import Client

    def make(user) -> Client:
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _english():
    """Messages of the domain functions read in English (the pages set their own language)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def staff_member_of(make_user):
    """A plain staff member with an account, at the given salon."""
    from creneau.catalog.models import StaffMember, StaffRole

    def make(business):
        user = make_user("chloe.staff@example.org", first_name="Chloé", phone="+33633333333")
        StaffMember.objects.create(
            business=business, user=user, role=StaffRole.STAFF, display_name="Chloé"
        )
        return user

    return make
