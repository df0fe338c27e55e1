"""GET /api/v1/salons: the site's search (same selector), as pages with a total."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creneau.catalog.models import Business, Service
from creneau.catalog.services import business_reindex, business_save
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db

URL = "/api/v1/salons"


@pytest.fixture
def salons(salon):
    business_reindex(business_ids=[salon.pk])
    lyon = business_save(
        business=Business(
            name="Barbier du Vieux Lyon",
            category="barber",
            address="3 rue Saint-Jean",
            postcode="69005",
            city="Lyon",
        )
    )
    Service.objects.create(
        business=lyon, name="Taille de barbe", duration_minutes=20, price=Decimal("18.50")
    )
    hidden = business_save(
        business=Business(
            name="Salon Fermé",
            category="hair",
            address="9 rue Close",
            postcode="75011",
            city="Paris",
            is_active=False,
        )
    )
    business_reindex(business_ids=[lyon.pk, hidden.pk])
    return {"paris": salon, "lyon": lyon}


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


def test_it_lists_published_salons_only_with_a_total(anonymous, salons):
    response = anonymous.get(URL)
    assert set(slugs(response)) == {"salon-test", salons["lyon"].slug}
    assert response.json()["total"] == 2


def test_it_filters_by_city_postcode_category_and_text(anonymous, salons):
    lyon = salons["lyon"].slug
    assert slugs(anonymous.get(URL, {"where": "Lyon"})) == [lyon]
    assert slugs(anonymous.get(URL, {"where": "69"})) == [lyon]
    assert slugs(anonymous.get(URL, {"where": "75011"})) == ["salon-test"]
    assert slugs(anonymous.get(URL, {"city": "paris"})) == ["salon-test"]
    assert slugs(anonymous.get(URL, {"category": "barber"})) == [lyon]
    assert slugs(anonymous.get(URL, {"text": "barbe"})) == [lyon]
    assert slugs(anonymous.get(URL, {"text": "couleur", "where": "Paris"})) == ["salon-test"]
    assert slugs(anonymous.get(URL, {"text": "couleur", "where": "Lyon"})) == []


def test_a_page_is_cut_by_limit_and_offset_and_keeps_the_total(anonymous, salons):
    first = anonymous.get(URL, {"limit": 1}).json()
    second = anonymous.get(URL, {"limit": 1, "offset": 1}).json()
    assert (first["total"], first["limit"], first["offset"]) == (2, 1, 0)
    assert (second["total"], second["limit"], second["offset"]) == (2, 1, 1)
    assert len(first["items"]) == len(second["items"]) == 1
    assert first["items"][0]["slug"] != second["items"][0]["slug"]
    assert anonymous.get(URL, {"offset": 5}).json()["items"] == []


def test_prices_are_decimal_strings_with_their_currency(anonymous, salons):
    item = anonymous.get(URL, {"where": "Lyon"}).json()["items"][0]
    assert item["price_from"] == {"amount": "18.50", "currency": "EUR"}
    assert item["service_count"] == 1
    assert item["url"].endswith(salons["lyon"].get_absolute_url())


def test_an_unknown_category_is_a_validation_problem_naming_the_field(anonymous, salons):
    body = assert_problem(anonymous.get(URL, {"category": "tattoo"}), 422, "validation-error")
    assert [error["field"] for error in body["errors"]] == ["query.category"]


def test_a_limit_over_a_hundred_is_a_validation_problem(anonymous, salons):
    body = assert_problem(anonymous.get(URL, {"limit": 101}), 422, "validation-error")
    assert body["errors"][0]["field"] == "query.limit"


def test_control_characters_in_the_text_are_refused_before_any_query(anonymous, salons):
    body = assert_problem(anonymous.get(URL, {"text": "coupe\x00"}), 422, "validation-error")
    assert body["errors"][0]["field"] == "query.text"
