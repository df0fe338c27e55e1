"""Search pages people can share and find: /salons/paris/coiffeurs/, canonical links,
Schema.org markup on salon pages, a sitemap."""

from __future__ import annotations

import json
import re

from django.urls import reverse

from creneau.catalog.models import Business
from creneau.catalog.services import business_save


def _salon(name: str, city: str, category: str) -> Business:
    return business_save(
        business=Business(
            name=name,
            category=category,
            address="3 rue Neuve",
            postcode="75011" if city == "Paris" else "69002",
            city=city,
            description="Coupes <et> couleurs",
            latitude="48.85",
            longitude="2.37",
        )
    )


def test_a_city_and_type_page_lists_that_type_and_is_canonical(english_client, db):
    _salon("Coupe Nette", "Paris", "hair")
    _salon("Rasoir Fin", "Paris", "barber")
    _salon("Coupe Lyonnaise", "Lyon", "hair")
    url = reverse("web:city_category", kwargs={"city": "paris", "category": "hair"})
    assert url == "/salons/paris/coiffeurs/"
    html = english_client.get(url).content.decode()
    assert "<h1>Hair salons in Paris</h1>" in html
    assert "Coupe Nette" in html and "Rasoir Fin" not in html and "Coupe Lyonnaise" not in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/salons/paris/coiffeurs/">' in html


def test_the_salon_page_carries_schema_org_markup_of_its_type(client, db):
    nails = _salon("Vernis Rouge", "Paris", "nails")
    html = client.get(nails.get_absolute_url()).content.decode()
    (raw,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<et>" not in raw
    data = json.loads(raw)
    assert data["@type"] == "NailSalon"
    assert data["address"]["postalCode"] == "75011"
    assert data["description"] == "Coupes <et> couleurs"


def test_the_sitemap_lists_cities_city_and_type_pages_and_salons(client, db):
    salon = _salon("Coupe Nette", "Paris", "hair")
    _salon("Coupe Lyonnaise", "Lyon", "hair")
    xml = client.get("/sitemap.xml").content.decode()
    locs = re.findall(r"<loc>http://127.0.0.1:8000([^<]+)</loc>", xml)
    assert locs == [
        "/salons/lyon/",
        "/salons/lyon/coiffeurs/",
        "/salons/paris/",
        "/salons/paris/coiffeurs/",
        "/salons/lyon/coupe-lyonnaise/",
        salon.get_absolute_url(),
    ] or sorted(locs[4:]) == sorted(["/salons/lyon/coupe-lyonnaise/", salon.get_absolute_url()])
