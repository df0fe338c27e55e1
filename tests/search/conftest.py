"""A demo catalogue to search: generated salons in eight cities, plus a few written by hand."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.test import Client

from creneau.catalog.demo import demo_catalog_create
from creneau.catalog.models import Business
from creneau.catalog.services import business_save

DEMO_SALONS = 800


@pytest.fixture
def catalogue(db) -> list[Business]:
    """The demo salons and three more: a city with a hyphen and accents, and a town named
    like the start of a big city."""
    demo_catalog_create(salons=DEMO_SALONS, seed=2026, today=date(2026, 10, 19))
    for name, city, postcode, category in (
        ("Atelier Coiffure", "Saint-Étienne", "42000", "hair"),
        ("Barbier Stéphanois", "Saint-Étienne", "42100", "barber"),
        ("Coiffure du Village", "Parisot", "81310", "hair"),
    ):
        business_save(
            business=Business(
                name=name,
                category=category,
                address="1 place du Peuple",
                postcode=postcode,
                city=city,
            )
        )
    return list(Business.objects.filter(is_active=True))


@pytest.fixture
def english_client() -> Client:
    """A visitor who chose English, so assertions on interface text do not follow the .po."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
