"""The back office in a real Chromium, without any script of ours: a manager books a walk-in
from the agenda, moves it, and finds the contact in the customer list; a staff member sees
only their own agenda."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from creneau.bookings.models import Booking
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def log_in(page, user) -> None:
    page.goto("/accounts/login/?next=/pro/")
    refuse = page.locator("button[name='refuse_all']")
    if refuse.count():
        refuse.first.click()
    page.locator("input[name='login']").fill(user.email)
    page.locator("input[name='password']").fill(PASSWORD)
    page.locator("form:has(input[name='password']) button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/pro/salon-test/$"))


def a_working_day():
    """A Monday-to-Saturday at least two days ahead: bookable and movable without notice
    worries."""
    day = timezone.now().astimezone(ZoneInfo("Europe/Paris")).date() + timedelta(days=2)
    while day.weekday() == 6:
        day += timedelta(days=1)
    return day


def test_a_manager_books_a_walk_in_from_the_agenda_moves_it_and_finds_the_contact(
    page, transactional_db, salon, manager
):
    day = a_working_day()
    alice = salon.test_staff[0]
    log_in(page, manager)
    page.goto(f"/pro/salon-test/?date={day}")
    page.locator(f"a.agenda-add[href*='staff={alice.pk}']").click()

    # Step one: the staff member and day come from the agenda; choose the service.
    page.locator(f"input[name='services'][value='{salon.test_services['cut'].pk}']").check()
    page.locator("#choice button[type='submit']").click()
    # Step two: the first free time, and the walk-in's name and phone.
    page.locator(".bo-time label").first.click()
    page.locator("input[name='name']").fill("Marie Curie")
    page.locator("input[name='phone']").fill("06 12 34 56 78")
    page.locator("form:has(input[name='start']) button[type='submit']").click()

    expect(page).to_have_url(re.compile(rf"/pro/salon-test/\?date={day}$"))
    block = page.locator("a.agenda-booking", has_text="Marie Curie")
    expect(block).to_contain_text("09:00")
    booking = Booking.objects.get()
    assert booking.staff == alice and booking.contact.name == "Marie Curie"

    # Move it to 11:00 the same day.
    block.click()
    page.locator(f"a[href$='/bookings/{booking.reference}/move/']").click()
    page.locator("#choice button[type='submit']").click()
    page.locator(".bo-time label", has_text="11:00").click()
    page.locator("form:has(input[name='start']) button[type='submit']").click()
    expect(page.locator("a.agenda-booking", has_text="Marie Curie")).to_contain_text("11:00")
    booking.refresh_from_db()
    assert booking.start.astimezone(ZoneInfo("Europe/Paris")).hour == 11

    # The customer list has the contact, marked as entered by the salon.
    page.locator(".bo-nav a[href$='/customers/']").click()
    row = page.locator("tr", has_text="Marie Curie")
    # Written the French way; the link dials the full international number.
    expect(row).to_contain_text("06 12 34 56 78")
    expect(row.locator("a[href='tel:+33612345678']")).to_have_count(1)
    row.get_by_role("link", name="Marie Curie").click()
    expect(page.locator("h1")).to_contain_text("Marie Curie")


def test_a_staff_member_sees_only_their_own_agenda(page, transactional_db, salon, staff_user):
    log_in(page, staff_user)
    heads = page.locator("h2.agenda-head > a:first-child")
    expect(heads).to_have_count(1)
    expect(heads.first).to_have_text("Chloé")
    response = page.goto(f"/pro/salon-test/week/?staff={salon.test_staff[0].pk}")
    assert response.status == 404
    expect(page.locator(".bo-nav a[href$='/settings/']")).to_have_count(0)
