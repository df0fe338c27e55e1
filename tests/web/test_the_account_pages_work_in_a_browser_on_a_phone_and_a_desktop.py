"""In Chromium, at 1280 and at 390 px: "Mon compte" is one click from any page and shows the
bookings first; the sign-up's show-password button works with the keyboard; the search hint is
not cut; axe finds no serious issue on the hub, the sign-up and the terms of use."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(SIZES))
def sized(request, _browser, live_server):
    context = _browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport=SIZES[request.param]
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/cookies/settings/")
    with page.expect_navigation():
        page.locator("button[name='refuse_all']").first.click()
    yield page
    context.close()


def blocking_issues(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def log_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")


def test_my_account_is_one_click_away_and_starts_with_the_bookings(sized, customer):
    log_in(sized, customer)
    expect(sized.locator(".messages")).to_contain_text("Bon retour, Camille.")
    sized.goto("/salons/")
    with sized.expect_navigation():
        sized.locator("header a", has_text="Mon compte").click()
    expect(sized.locator("h1")).to_have_text("Mon compte")
    expect(sized.locator("main h2").first).to_have_text("Rendez-vous à venir")
    expect(sized.locator("#id_phone")).to_have_value("06 12 34 56 78")
    assert blocking_issues(sized) == []


def test_the_password_can_be_shown_and_hidden_with_the_keyboard(sized):
    sized.goto("/accounts/signup/")
    password = sized.locator("#id_password1")
    toggle = sized.locator(".password-toggle")
    expect(toggle).to_be_visible()
    password.fill("un mot de passe")
    password.focus()
    sized.keyboard.press("Tab")
    expect(toggle).to_be_focused()
    sized.keyboard.press("Enter")
    expect(password).to_have_attribute("type", "text")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(toggle).to_have_text("Masquer")
    sized.keyboard.press("Tab")  # focus went back to the field: tab to the button again
    sized.keyboard.press("Space")
    expect(password).to_have_attribute("type", "password")
    expect(toggle).to_have_text("Afficher")
    assert blocking_issues(sized) == []


def test_the_search_hint_is_not_cut(sized):
    sized.goto("/")
    overflow = sized.locator("#id_q").evaluate(
        """input => {
            const style = getComputedStyle(input);
            const canvas = document.createElement("canvas").getContext("2d");
            canvas.font = style.font;
            const text = canvas.measureText(input.placeholder).width;
            const room = input.clientWidth - parseFloat(style.paddingLeft)
                - parseFloat(style.paddingRight);
            return text - room;
        }"""
    )
    assert overflow <= 0


def test_the_terms_of_use_are_accessible_and_in_the_footer(sized):
    sized.goto("/")
    with sized.expect_navigation():
        sized.locator("footer a", has_text="Conditions d\u2019utilisation").click()
    expect(sized.locator("h1")).to_have_text("Conditions d\u2019utilisation")
    assert blocking_issues(sized) == []
