"""Catalogue fixtures: salons built through the same service functions the admin uses."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client

from creneau.catalog.models import (
    Business,
    Service,
    ServiceCategory,
    StaffMember,
    WorkingHours,
)
from creneau.catalog.services import business_reindex, business_save


@pytest.fixture
def make_business(db):
    """Build a published salon; `services` are (name, minutes, price) triples."""

    def make(
        name: str = "Salon Éléa",
        *,
        city: str = "Paris",
        postcode: str = "75011",
        category: str = "hair",
        services: tuple[tuple[str, int, str], ...] = (),
        **extra: object,
    ) -> Business:
        business = business_save(
            business=Business(
                name=name,
                category=category,
                address="12 rue de la Roquette",
                postcode=postcode,
                city=city,
                **extra,
            )
        )
        for position, (service_name, minutes, price) in enumerate(services):
            Service.objects.create(
                business=business,
                name=service_name,
                duration_minutes=minutes,
                price=Decimal(price),
                position=position,
            )
        if services:
            business_reindex(business_ids=[business.pk])
            business.refresh_from_db()
        return business

    return make


@pytest.fixture
def salon(make_business) -> Business:
    """Salon Éléa in Paris: two price-list headings, an uncategorised service, two stylists."""
    business = make_business(
        "Salon Éléa",
        description="Coiffure mixte près de la Bastille.",
        phone="+33143550101",
    )
    cuts = ServiceCategory.objects.create(business=business, name="Coupes femme", position=0)
    colour = ServiceCategory.objects.create(business=business, name="Couleur", position=1)
    chloe = StaffMember.objects.create(
        business=business, display_name="Chloé", role=StaffMember.Role.OWNER
    )
    karim = StaffMember.objects.create(business=business, display_name="Karim", position=1)
    StaffMember.objects.create(business=business, display_name="Ancien", is_active=False)
    Service.objects.create(
        business=business,
        category=cuts,
        name="Shampoing, coupe, brushing",
        duration_minutes=45,
        price=Decimal("42.00"),
    ).staff.set([chloe, karim])
    Service.objects.create(
        business=business,
        category=colour,
        name="Balayage",
        duration_minutes=150,
        buffer_minutes=15,
        price=Decimal("119.50"),
    ).staff.set([chloe])
    Service.objects.create(
        business=business, name="Diagnostic capillaire", duration_minutes=15, price=0
    )
    Service.objects.create(
        business=business,
        category=cuts,
        name="Coupe retirée",
        duration_minutes=30,
        price=Decimal("30"),
        is_active=False,
    )
    # Tuesday: Chloé breaks for lunch 12:30-13:30, Karim 12:00-14:00 but stays until 20:00.
    WorkingHours.objects.bulk_create(
        [
            WorkingHours(staff=chloe, weekday=1, start=time(9), end=time(12, 30)),
            WorkingHours(staff=chloe, weekday=1, start=time(13, 30), end=time(19)),
            WorkingHours(staff=karim, weekday=1, start=time(10), end=time(12)),
            WorkingHours(staff=karim, weekday=1, start=time(14), end=time(20)),
            WorkingHours(staff=chloe, weekday=5, start=time(9), end=time(18)),
        ]
    )
    business_reindex(business_ids=[business.pk])
    business.refresh_from_db()
    return business


@pytest.fixture
def english_client() -> Client:
    """A visitor who chose English, so assertions on interface text do not follow the .po."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
