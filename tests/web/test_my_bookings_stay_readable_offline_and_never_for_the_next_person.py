"""In Chromium, with the service worker: a customer who opened My bookings and a booking's
page can read both again offline; a page never opened gives the offline page. After they log
out and someone else logs in on the same browser, none of their pages is served any more."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD, paris
from tests.notifications.helpers import book

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

KEPT = "creneau-my-bookings"


def next_working_day():
    day = timezone.localdate() + timedelta(days=3)
    while day.weekday() == 6:
        day += timedelta(days=1)
    return day


def log_in(page, user) -> None:
    page.goto("/accounts/login/?next=/account/bookings/")
    refuse = page.locator("button[name='refuse_all']")
    if refuse.count():
        with page.expect_navigation():
            refuse.first.click()
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")


def controlled(page) -> None:
    """Wait until the worker is active and controls this page."""
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("() => !!navigator.serviceWorker.controller"):
        page.reload()
    assert page.evaluate("() => !!navigator.serviceWorker.controller")


def kept_urls(page) -> list[str]:
    return page.evaluate(
        f"() => caches.open('{KEPT}').then(c => c.keys()).then(k => k.map(r => r.url))"
    )


def test_offline_reading_and_no_leak_to_the_next_person(page, salon, customer, other_customer):
    day = next_working_day()
    now = timezone.now()
    mine = book(salon, customer, paris(day.year, day.month, day.day, 10), now=now)
    theirs = book(salon, other_customer, paris(day.year, day.month, day.day, 11), now=now)

    log_in(page, customer)
    controlled(page)
    page.goto("/account/bookings/")
    page.goto(f"/account/bookings/{mine.reference}/")
    expect(page.locator("main")).to_contain_text(mine.reference)

    page.context.set_offline(True)
    page.goto("/account/bookings/")
    expect(page.locator("main")).to_contain_text("Salon Test")
    expect(page.locator(f"a[href='/account/bookings/{mine.reference}/']").first).to_be_visible()
    page.goto(f"/account/bookings/{mine.reference}/")
    expect(page.locator("main")).to_contain_text(mine.reference)
    page.goto("/security/")
    expect(page.locator("h1")).to_contain_text("hors ligne")
    page.context.set_offline(False)

    page.goto("/account/bookings/")
    with page.expect_navigation():
        page.locator("form[action='/accounts/logout/'] button").first.click()
    log_in(page, other_customer)
    controlled(page)
    assert not any(mine.reference in url for url in kept_urls(page))

    page.context.set_offline(True)
    page.goto(f"/account/bookings/{mine.reference}/")
    expect(page.locator("h1")).to_contain_text("hors ligne")
    assert mine.reference not in page.content()
    page.goto("/account/bookings/")
    assert mine.reference not in page.content()
    expect(page.locator(f"a[href='/account/bookings/{theirs.reference}/']").first).to_be_visible()
    page.context.set_offline(False)


def test_the_back_office_and_the_api_are_never_kept(page, customer):
    log_in(page, customer)
    controlled(page)
    page.goto("/api/v1/openapi.json")
    page.goto("/account/privacy/")
    page.goto("/account/bookings/")
    urls = kept_urls(page)
    assert urls and all("/account/bookings/" in url for url in urls)
    assert not any("/api/" in url or "/pro/" in url or "/privacy/" in url for url in urls)
