"""On a 390 px phone, the first visit's cookie banner leaves the page's heading and its first
action (the first field of the home page's search) on the first screen, in French and in English."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("locale", ["fr-FR", "en-GB"])
def test_the_heading_and_the_first_action_are_on_the_first_screen(
    _browser, live_server, settings, locale
):
    context = _browser.new_context(base_url=live_server.url, locale=locale, viewport=PHONE)
    try:
        page = context.new_page()
        if locale.startswith("en"):
            context.add_cookies(
                [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
            )
        page.goto("/")
        banner = page.locator("#consent-banner").bounding_box()
        heading = page.locator("main h1").first.bounding_box()
        # The first action: the first field of the home page's search form.
        action = page.locator("main form input:visible").first.bounding_box()
        assert banner is not None and heading is not None and action is not None
        assert heading["y"] + heading["height"] <= PHONE["height"]
        assert action["y"] + action["height"] <= PHONE["height"]
    finally:
        context.close()
