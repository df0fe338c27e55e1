"""When a line finds nothing, the page says how it was read and links to searches that do."""

from __future__ import annotations

import re

from django.urls import reverse

from creneau.catalog.models import Business
from creneau.catalog.search import salon_search
from creneau.catalog.services import business_save


def _salon(name: str, city: str, postcode: str, category: str, lat: str, lon: str) -> Business:
    return business_save(
        business=Business(
            name=name,
            category=category,
            address="1 rue Neuve",
            postcode=postcode,
            city=city,
            latitude=lat,
            longitude=lon,
        )
    )


def _three_cities(db) -> None:
    _salon("Coiffure Bellecour", "Lyon", "69002", "hair", "45.757", "4.832")
    _salon("Barbe Noire", "Villeurbanne", "69100", "barber", "45.771", "4.890")
    _salon("Barbier du Vieux Port", "Marseille", "13002", "barber", "43.296", "5.370")


def test_barbers_in_a_city_without_any_offers_the_nearest_city_first(db):
    _three_cities(db)
    found = salon_search(line="barbier à Lyon")
    assert found.page.paginator.count == 0
    assert found.understanding.category == "barber"
    assert found.understanding.place.city_slug == "lyon"
    nearby = [a.criteria.place.city_slug for a in found.alternatives if a.reason == "nearby_city"]
    assert nearby == ["villeurbanne", "marseille"]


def test_an_arrondissement_without_salons_offers_the_whole_city(db):
    _three_cities(db)
    found = salon_search(line="coiffeur lyon 5e")
    assert found.page.paginator.count == 0
    whole = [a for a in found.alternatives if a.reason == "whole_city"]
    assert [(a.criteria.line(), a.count) for a in whole] == [("coiffeur Lyon", 1)]


def test_the_page_says_what_was_understood_and_links_the_alternatives(english_client, db):
    _three_cities(db)
    html = english_client.get(reverse("web:search"), {"q": "barbeir a lyon"}).content.decode()
    assert "<h1>Barbers in Lyon: no results</h1>" in html
    assert re.search(r"“barbeir” read as “barbi?er”", html)
    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', html)
    assert ("/salons/?q=barbier+Villeurbanne", "Barbers in Villeurbanne") in links


def test_a_line_with_a_place_shows_no_salon_from_elsewhere(client, db):
    _three_cities(db)
    html = client.get(reverse("web:search"), {"q": "barbier marseille"}).content.decode()
    assert "Barbier du Vieux Port" in html
    assert "Barbe Noire" not in html
