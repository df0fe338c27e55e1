"""GET /api/v1/salons?q=... reads the line as the site's search box does."""

from __future__ import annotations

from creneau.catalog.models import Business
from creneau.catalog.services import business_save


def _salon(name: str, city: str, postcode: str, category: str) -> None:
    business_save(
        business=Business(
            name=name, category=category, address="1 rue Neuve", postcode=postcode, city=city
        )
    )


def test_a_typed_line_finds_the_type_in_the_place(client, db):
    _salon("Rasoir Fin", "Lyon", "69003", "barber")
    _salon("Rasoir Large", "Lyon", "69001", "barber")
    _salon("Coupe Nette", "Lyon", "69003", "hair")
    _salon("Barbe Sud", "Marseille", "13001", "barber")
    answer = client.get("/api/v1/salons", {"q": "barbeir lyon 3e"}).json()
    assert [item["name"] for item in answer["items"]] == ["Rasoir Fin"]
    assert answer["total"] == 1
    answer = client.get("/api/v1/salons", {"q": "barbier", "where": "Lyon"}).json()
    assert [item["name"] for item in answer["items"]] == ["Rasoir Fin", "Rasoir Large"]
