"""A visitor searches a city from the home page and opens a salon, in a real Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


@pytest.mark.browser
def test_a_visitor_finds_a_salon_in_a_city_and_opens_its_page(
    page, transactional_db, make_business
):
    make_business(
        "Le Barbier de Lyon",
        city="Lyon",
        postcode="69003",
        category="barber",
        services=(("Taille de barbe", 20, "18"), ("Coupe homme", 30, "25")),
    )
    make_business("Salon Éléa", city="Paris", postcode="75011")

    page.goto("/")
    page.locator("#id_where").fill("Lyon")
    page.locator("#id_category").select_option("barber")
    page.locator("#search-submit").click()

    expect(page).to_have_url(re.compile(r"/salons/\?.*where=Lyon"))
    results = page.locator("#results")
    expect(results.get_by_role("link")).to_have_count(1)
    results.get_by_role("link", name="Le Barbier de Lyon").click()

    expect(page).to_have_url(re.compile(r"/salons/lyon/le-barbier-de-lyon/$"))
    expect(page.locator("#salon-name")).to_have_text("Le Barbier de Lyon")
    services = page.locator("#services")
    expect(services).to_contain_text("Taille de barbe")
    expect(page.locator("address")).to_contain_text("69003 Lyon")
