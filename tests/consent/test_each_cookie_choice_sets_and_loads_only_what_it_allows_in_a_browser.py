"""The cookie banner in a real Chromium: what is set, loaded and requested for each choice.

The network is closed: requests to any host but the live server are recorded and aborted, so a
test can tell that a tag was (or was not) asked for without reaching Google or Meta.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from creneau.consent.models import ConsentRecord, PageView

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

THIRD_PARTY = re.compile(r"^https?://(?!(localhost|127\.0\.0\.1)[:/])")
TAG_HOSTS = ("googletagmanager.com", "connect.facebook.net", "facebook.com")


def submit(page, control) -> None:
    """Click a control that navigates, and wait for the new page to be loaded."""
    with page.expect_navigation():
        control.click()


@pytest.fixture
def tags(settings):
    settings.ANALYTICS_GOOGLE_TAG_ID = "G-TEST1234"
    settings.MARKETING_META_PIXEL_ID = "1234567890"


@pytest.fixture
def outside(page):
    """Every request the page tries to make to another site."""
    attempts: list[str] = []

    def record(route):
        attempts.append(route.request.url)
        route.abort()

    page.context.route(THIRD_PARTY, record)
    return attempts


def necessary_cookie_names(settings) -> set[str]:
    return {
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
        settings.CONSENT_COOKIE_NAME,
        "messages",
    }


def cookie_names(page) -> set[str]:
    return {cookie["name"] for cookie in page.context.cookies()}


def tag_scripts(page) -> int:
    return page.locator(
        "script[src*='googletagmanager'], script[src*='facebook'], noscript img[src*='facebook']"
    ).count()


def browse(page):
    page.goto("/")
    page.goto("/cookies/")
    page.goto("/salons/?where=Lyon&category=barber")
    page.goto("/")


def test_a_first_visit_shows_the_banner_and_sets_only_the_csrf_cookie(
    page, outside, settings, tags
):
    page.goto("/")
    banner = page.locator("#consent-banner")
    expect(banner).to_be_visible()
    expect(banner.locator("button[name='accept_all']")).to_be_visible()
    expect(banner.locator("button[name='refuse_all']")).to_be_visible()
    expect(banner.locator("summary", has_text=re.compile("."))).to_have_count(5)
    assert cookie_names(page) <= {settings.CSRF_COOKIE_NAME}
    assert tag_scripts(page) == 0
    assert outside == []
    assert not PageView.objects.exists()


def test_accept_and_refuse_are_the_same_size_and_look(page):
    page.goto("/")
    accept = page.locator("button[name='accept_all']")
    refuse = page.locator("button[name='refuse_all']")
    style = (
        "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color,"
        " getComputedStyle(e).fontSize, getComputedStyle(e).fontWeight]"
    )
    assert accept.evaluate(style) == refuse.evaluate(style)
    a, r = accept.bounding_box(), refuse.bounding_box()
    assert (round(a["width"]), round(a["height"])) == (round(r["width"]), round(r["height"]))


def test_after_refuse_all_browsing_sets_and_loads_nothing_optional(page, outside, settings, tags):
    page.goto("/")
    submit(page, page.locator("button[name='refuse_all']"))
    expect(page.locator("#consent-banner")).to_have_count(0)
    browse(page)
    assert cookie_names(page) <= necessary_cookie_names(settings)
    assert settings.SEARCH_PREFERENCES_COOKIE_NAME not in cookie_names(page)
    assert tag_scripts(page) == 0
    assert outside == []
    assert not PageView.objects.exists()
    assert ConsentRecord.objects.get().granted == ("necessary",)


def test_after_accept_all_the_tags_load_pages_are_counted_and_searches_remembered(
    page, outside, settings, tags
):
    page.goto("/")
    submit(page, page.locator("button[name='accept_all']"))
    expect(page.locator("#consent-banner")).to_have_count(0)
    browse(page)
    assert tag_scripts(page) == 2
    assert any("googletagmanager.com/gtag/js?id=G-TEST1234" in url for url in outside)
    assert any("connect.facebook.net" in url for url in outside)
    assert PageView.objects.get(path="/").count >= 2
    assert settings.SEARCH_PREFERENCES_COOKIE_NAME in cookie_names(page)
    assert ConsentRecord.objects.get().granted == (
        "necessary",
        "analytics",
        "personalisation",
        "marketing",
    )


def test_customise_with_personalisation_only(page, outside, settings, tags):
    page.goto("/")
    page.locator("#consent-banner summary", has_text=re.compile(".")).first.click()
    for key in ("analytics", "personalisation", "marketing"):
        expect(page.locator(f"#banner-{key}")).not_to_be_checked()
    expect(page.locator("#banner-necessary")).to_be_checked()
    expect(page.locator("#banner-necessary")).to_be_disabled()
    page.locator("#banner-personalisation").check()
    submit(page, page.locator("button[name='save']"))
    expect(page.locator("#consent-banner")).to_have_count(0)
    browse(page)
    assert settings.SEARCH_PREFERENCES_COOKIE_NAME in cookie_names(page)
    expect(page.locator("#id_where")).to_have_value("Lyon")
    expect(page.locator("#id_category")).to_have_value("barber")
    assert tag_scripts(page) == 0
    assert outside == []
    assert not PageView.objects.exists()


def test_the_choice_is_changed_from_the_footer_link_and_withdrawing_takes_one_click(
    page, outside, settings, tags
):
    page.goto("/")
    submit(page, page.locator("button[name='accept_all']"))
    assert tag_scripts(page) == 2
    submit(page, page.locator("footer a[href='/cookies/settings/']"))
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("[data-category='marketing'] [data-state='granted']")).to_be_visible()
    expect(page.locator("#settings-marketing")).to_be_checked()
    submit(page, page.locator("main button[name='refuse_all']"))
    expect(page.locator("[data-category='marketing'] [data-state='refused']")).to_be_visible()
    expect(page.locator("#settings-marketing")).not_to_be_checked()
    assert settings.SEARCH_PREFERENCES_COOKIE_NAME not in cookie_names(page)
    outside.clear()
    views = PageView.objects.get(path="/").count
    browse(page)
    assert tag_scripts(page) == 0
    assert outside == []
    assert PageView.objects.get(path="/").count == views
    assert [r.source for r in ConsentRecord.objects.order_by("id")] == ["banner", "settings"]


def test_the_banner_is_reached_early_with_the_keyboard_and_answered_with_it(page):
    page.goto("/")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "refuse_all":
            break
    else:
        raise AssertionError("Refuse all is not among the first focusable elements")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#consent-banner")).to_have_count(0)
    assert ConsentRecord.objects.get().granted == ("necessary",)


def test_without_javascript_the_banner_still_works(_browser, live_server, settings, tags):
    context = _browser.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto("/")
        page.locator("#consent-banner summary").first.click()  # <details> needs no script
        page.locator("#banner-analytics").check()
        submit(page, page.locator("button[name='save']"))
        expect(page.locator("#consent-banner")).to_have_count(0)  # back on "/", counted
        page.goto("/")
        assert PageView.objects.get(path="/").count == 2
        assert ConsentRecord.objects.get().granted == ("necessary", "analytics")
        page.goto("/cookies/settings/")
        submit(page, page.locator("main button[name='accept_all']"))
        expect(page.locator("#settings-marketing")).to_be_checked()
        # The noscript pixel is the only marketing tag a browser without JavaScript gets.
        page.goto("/")
        assert page.locator("noscript").count() >= 1
    finally:
        context.close()
