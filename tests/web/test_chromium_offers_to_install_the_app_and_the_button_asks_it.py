"""In Chromium, with a profile of its own (installation is never offered in a private
window): the browser finds nothing missing for installation, offers it, and the header's
"Install the app" button appears and asks the browser's own prompt when pressed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


@pytest.fixture
def profile_page(_browser, live_server, tmp_path):
    context = _browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        base_url=live_server.url,
        locale="fr-FR",
    )
    context.set_default_timeout(15_000)
    page = context.pages[0] if context.pages else context.new_page()
    yield page
    context.close()


def test_chromium_finds_the_app_installable_and_the_button_prompts(profile_page):
    page = profile_page
    page.goto("/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    cdp = page.context.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []

    button = page.locator("#install-app button")
    expect(button).to_be_visible()
    expect(button).to_have_text("Installer l\u2019application")
    # The prompt is the browser's: record that the page asked for it.
    page.evaluate(
        """() => {
          window.__prompted = false;
          const original = BeforeInstallPromptEvent.prototype.prompt;
          BeforeInstallPromptEvent.prototype.prompt = function () {
            window.__prompted = true;
            return original.call(this).catch(() => undefined);
          };
        }"""
    )
    button.click()
    page.wait_for_function("window.__prompted === true")
