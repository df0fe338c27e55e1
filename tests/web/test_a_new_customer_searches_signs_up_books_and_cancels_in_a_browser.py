"""The whole journey in a real Chromium: search, salon, slot, sign up, verify, confirm,
My bookings, the .ics, cancel."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from creneau.bookings.models import Booking
from creneau.catalog.services import business_reindex
from tests.conftest import PASSWORD

LINK = re.compile(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/")


def refuse_cookies_if_asked(page):
    refuse = page.locator("button[name='refuse_all']")
    if refuse.count():
        refuse.first.click()


def next_day(page):
    """The day after the chosen one in the strip of days (the next week's first at its end),
    waiting until the picker shows it."""
    current = page.locator(".day-button[aria-current]").get_attribute("href")
    days = page.locator("a.day-button, a.day-step")
    hrefs = days.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    target = hrefs[hrefs.index(current) + 1]
    page.locator(f"a[href='{target}']").first.click()
    expect(page.locator(".day-button[aria-current]")).not_to_have_attribute("href", current)


def first_free_slot(page):
    """From two days ahead (beyond the 24-hour cancellation deadline), click "next day" until
    the day has free times, then open the first one."""
    next_day(page)
    next_day(page)
    for _ in range(10):
        slots = page.locator(".slot-list a.slot")
        if slots.count():
            label = slots.first.inner_text()
            slots.first.click()
            return label
        next_day(page)
    raise AssertionError("no free slot within ten days")


@pytest.mark.browser
def test_a_visitor_books_signs_up_verifies_confirms_downloads_the_ics_and_cancels(
    page, transactional_db, salon, live_server
):
    business_reindex(business_ids=[salon.pk])
    page.goto("/")
    refuse_cookies_if_asked(page)

    page.locator("#id_where").fill("Paris")
    page.locator("#search-submit").click()
    page.locator("#results").get_by_role("link", name="Salon Test").click()
    expect(page).to_have_url(re.compile(r"/salons/paris/salon-test/$"))

    page.locator(f".service-book[href$='service={salon.test_services['cut'].pk}']").click()
    expect(page).to_have_url(re.compile(r"/book/\?service="))
    page.locator("button[type='submit']", has_text=re.compile(".")).last.click()
    label = first_free_slot(page)

    # Not logged in: the login page, from which the visitor signs up and comes back.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.locator("a[href*='/accounts/signup/']").last.click()
    page.locator("#id_email").fill("lou.bernard@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_last_name").fill("Bernard")
    page.locator("#id_first_name").fill("Lou")
    page.locator("#id_phone").fill("06 98 76 54 32")
    page.locator("form[action*='signup'] button[type='submit']").click()

    links = [LINK.search(m.body) for m in mail.outbox if m.to == ["lou.bernard@example.org"]]
    confirm = next(link.group(0) for link in links if link)
    page.goto(confirm)
    page.locator("main form button[type='submit']").click()

    # Back on the review page with the same choice.
    expect(page.locator("#confirm-booking")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Salon Test")
    expect(page.locator("main")).to_contain_text(label)
    page.locator("#confirm-booking").click()

    booking = Booking.objects.get()
    assert booking.customer.email == "lou.bernard@example.org"
    expect(page).to_have_url(re.compile(rf"/account/bookings/{booking.reference}/$"))

    page.goto("/account/bookings/")
    expect(page.locator(".booking-list").first).to_contain_text("Salon Test")

    page.goto(f"/account/bookings/{booking.reference}/")
    with page.expect_download() as download_info:
        page.locator("#add-to-calendar").click()
    ics = Path(download_info.value.path()).read_text()
    assert "BEGIN:VEVENT" in ics and "TZID=Europe/Paris" in ics

    page.get_by_role("link", name=re.compile("Annuler|Cancel")).click()
    page.locator("#confirm-cancel").click()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED_BY_CUSTOMER
    expect(page.locator(".booking-status")).to_be_visible()
