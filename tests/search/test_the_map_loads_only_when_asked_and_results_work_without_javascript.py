"""The results map asks the tile server for nothing until the visitor asks for the map; the
list works without JavaScript. In a real Chromium that records every request."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from creneau.catalog.models import Business
from creneau.catalog.services import business_save

TILES = "http://tiles.example.test/{z}/{x}/{y}.png"
# A 1x1 transparent PNG, served for every tile request so nothing leaves the machine.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478"
    "9c6360000002000154a24f5d0000000049454e44ae426082"
)


def _salons() -> None:
    for name, lat, lon in (("Coupe Nette", "48.857", "2.352"), ("Coupe Claire", "48.870", "2.340")):
        business_save(
            business=Business(
                name=name,
                category="hair",
                address="1 rue Neuve",
                postcode="75011",
                city="Paris",
                latitude=lat,
                longitude=lon,
            )
        )


@pytest.mark.browser
def test_no_tile_is_requested_before_the_visitor_asks_for_the_map(page, transactional_db, settings):
    settings.MAP_TILE_URL = TILES
    _salons()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.route("http://tiles.example.test/**", lambda route: route.fulfill(body=PNG))

    page.goto("/salons/?q=coiffeur+paris")
    expect(page.locator("#results li.result")).to_have_count(2)
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "tiles.example.test" in url]
    assert not [url for url in requested if "leaflet" in url]

    page.locator("#show-map").click()
    expect(page.locator("#map-canvas .leaflet-marker-icon")).to_have_count(2)
    expect(page.locator("#map-canvas img.leaflet-tile-loaded").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert [url for url in requested if "tiles.example.test" in url]
    assert all(
        url.startswith(page.url.split("/salons/")[0]) or "tiles.example.test" in url
        for url in requested
    ), "only our own server and the configured tile server are contacted"


@pytest.mark.browser
def test_results_work_with_javascript_disabled(_browser, live_server, transactional_db):
    _salons()
    context = _browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/")
        page.locator("#id_q").fill("coifeur paris")
        page.locator("#search-submit").click()
        expect(page.locator("#results li.result")).to_have_count(2)
        expect(page.locator("#show-map")).to_be_hidden()
        page.get_by_role("link", name="Coupe Claire").click()
        expect(page.locator("#salon-name")).to_have_text("Coupe Claire")
    finally:
        context.close()
