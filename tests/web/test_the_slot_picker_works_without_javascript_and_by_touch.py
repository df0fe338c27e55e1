"""The slot picker without JavaScript: the services form and the links of days, people and
times do everything the script does; on a phone every control is at least 44 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]


@pytest.fixture
def phone_without_script(_browser, live_server, transactional_db):
    context = _browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        viewport={"width": 390, "height": 844},
        java_script_enabled=False,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def test_choosing_services_a_day_and_a_person_without_script(phone_without_script, salon):
    page = phone_without_script
    page.goto("/salons/paris/salon-test/book/")
    page.locator("button[name='refuse_all']").first.click()
    page.locator(f"label[for='service-{salon.test_services['cut'].pk}']").click()
    page.locator(".picker-submit").click()
    expect(page).to_have_url(re.compile(r"/book/\?service="))
    expect(page.locator(".slot-list a.slot").first).to_be_visible()
    page.locator(".day-strip a.day-button").nth(3).click()
    expect(page.locator(".day-strip a.day-button").nth(3)).to_have_attribute("aria-current", "date")
    page.locator(".staff-chip", has_text="Chloé").click()
    expect(page).to_have_url(re.compile(r"staff=\d+"))
    for control in [
        *page.locator(".day-strip a").all(),
        *page.locator(".staff-chip").all(),
        *page.locator(".slot-list a.slot").all(),
    ]:
        box = control.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44, control
    # Changing the services keeps the day and the person.
    page.locator(".service-picker summary").click()
    page.locator(f"label[for='service-{salon.test_services['colour'].pk}']").click()
    page.locator(".picker-submit").click()
    expect(page).to_have_url(re.compile(r"staff=\d+"))
    assert "date=" in page.url
    expect(page.locator(".picker-chosen")).to_contain_text("Couleur")
    page.locator(".slot-list a.slot").first.click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.locator(".pending-booking")).to_contain_text("Couleur")


def test_with_the_script_choosing_a_service_shows_its_times_in_place(page, salon):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/salons/paris/salon-test/book/")
    page.locator("button[name='refuse_all']").first.click()
    page.evaluate("window.stillHere = true")
    expect(page.locator(".picker-submit")).to_be_hidden()
    page.locator(f"label[for='service-{salon.test_services['cut'].pk}']").click()
    first = page.locator(".slot-list a.slot").first
    expect(first).to_be_in_viewport()
    assert page.evaluate("window.stillHere") is True
    expect(page).to_have_url(re.compile(r"/book/\?service=\d+$"))
    page.locator(f"label[for='service-{salon.test_services['colour'].pk}']").click()
    expect(page).to_have_url(re.compile(r"service=\d+&service=\d+"))
    expect(page.locator(".slot-total")).to_contain_text("1 h 30")
    assert page.evaluate("window.stillHere") is True
