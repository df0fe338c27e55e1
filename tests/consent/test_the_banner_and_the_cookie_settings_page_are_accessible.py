"""axe-core finds no serious or critical issue on the banner and the cookie settings page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

BLOCKING = {"serious", "critical"}


def blocking_issues(page, context=None) -> list[str]:
    results = Axe().run(page, context=context)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def submit(page, control) -> None:
    """Click a control that navigates, and wait for the new page to be loaded."""
    with page.expect_navigation():
        control.click()


@pytest.fixture
def tags(settings):
    settings.ANALYTICS_GOOGLE_TAG_ID = "G-TEST1234"
    settings.MARKETING_META_PIXEL_ID = "1234567890"


def test_the_banner_closed_and_open(page, tags):
    page.goto("/")
    assert blocking_issues(page) == []
    page.locator("#consent-banner summary").first.click()
    for summary in page.locator("#consent-banner .consent-cookies summary").all():
        summary.click()
    assert blocking_issues(page, "#consent-banner") == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_settings_page_before_and_after_a_choice(page, tags, settings, language, live_server):
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.goto("/cookies/settings/")
    assert blocking_issues(page) == []
    submit(page, page.locator("main button[name='save']"))
    assert blocking_issues(page) == []


def test_the_settings_page_of_a_logged_in_customer_with_history(page, customer, live_server):
    from tests.conftest import PASSWORD

    page.goto("/accounts/login/")
    page.locator("#id_login").fill(customer.email)
    page.locator("#id_password").fill(PASSWORD)
    submit(page, page.locator("main form button[type='submit']").last)
    page.goto("/cookies/settings/")
    submit(page, page.locator("main button[name='accept_all']"))
    submit(page, page.locator("main button[name='refuse_all']"))
    assert page.locator(".consent-history tbody tr").count() == 2
    assert blocking_issues(page) == []
