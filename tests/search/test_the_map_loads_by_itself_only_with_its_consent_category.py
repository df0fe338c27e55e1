"""The results map draws itself on arrival only for visitors who accepted its cookie category;
everyone else gets the button. The page allows the tile server's images, nothing more."""

from __future__ import annotations

from django.urls import reverse

from creneau.catalog.models import Business
from creneau.catalog.services import business_save


def _salon() -> None:
    business_save(
        business=Business(
            name="Coupe Nette",
            category="hair",
            address="1 rue Neuve",
            postcode="75011",
            city="Paris",
        )
    )


def test_only_a_visitor_who_accepted_the_category_gets_the_map_at_once(client, db, settings):
    settings.MAP_TILE_URL = "https://tiles.example.test/{z}/{x}/{y}.png"
    settings.MAP_CONSENT_CATEGORY = "marketing"
    _salon()
    url = reverse("web:search") + "?q=paris"
    first = client.get(url)
    assert 'data-autoload="false"' in first.content.decode()
    assert "https://tiles.example.test" in first.headers["Content-Security-Policy"]

    client.post(
        reverse("privacy:consent_save"), {"choice": "accept_some", "categories": ["analytics"]}
    )
    assert 'data-autoload="false"' in client.get(url).content.decode()
    client.post(reverse("privacy:consent_save"), {"choice": "accept_all"})
    assert 'data-autoload="true"' in client.get(url).content.decode()
