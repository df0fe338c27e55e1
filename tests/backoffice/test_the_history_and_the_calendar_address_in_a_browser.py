"""In a real Chromium: a staff member reads a booking's history and adds a note on its page,
then makes their calendar address, copies it with the button, and a calendar app reads it."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from creneau.bookings.services import booking_create
from tests.backoffice.test_the_back_office_in_a_browser import a_working_day, log_in

pytestmark = pytest.mark.browser
SHOTS = "/tmp/history-shots"  # noqa: S108 (screenshots to look at, not read back)


def test_a_staff_member_reads_the_history_and_copies_the_calendar_address(
    page, transactional_db, salon, staff_user, customer, live_server
):
    start = datetime.combine(a_working_day(), time(10), tzinfo=ZoneInfo("Europe/Paris"))
    booking = booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=start,
        staff=salon.test_staff[2],
        now=timezone.now(),
    )
    log_in(page, staff_user)
    page.goto(f"/pro/salon-test/bookings/{booking.reference}/")
    history = page.locator(".booking-history")
    expect(history).to_contain_text("Réservé")
    expect(history).to_contain_text("par le client")
    page.locator("#history-note").fill("Apporter le nuancier")
    page.locator(".booking-history button[type='submit']").click()
    expect(page.locator(".booking-history")).to_contain_text("Apporter le nuancier")
    expect(page.locator(".booking-history")).to_contain_text("par Chloé (le salon)")
    page.screenshot(path=f"{SHOTS}-booking.png", full_page=True)

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/pro/salon-test/calendar/")
    page.get_by_role("button", name=re.compile("Créer mon adresse")).click()
    url = page.locator("#feed-url").input_value()
    assert re.fullmatch(rf"{live_server.url}/pro/_calendar/[\w-]+\.ics", url)
    copy = page.get_by_role("button", name=re.compile("Copier l"))
    copy.click()
    expect(page.locator("[data-copy]")).to_have_text("Copiée")
    assert page.evaluate("navigator.clipboard.readText()") == url
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{SHOTS}-calendar.png", full_page=True)

    response = page.request.get(url)
    assert response.status == 200
    (event,) = Calendar.from_ical(response.body()).walk("VEVENT")
    assert str(event["summary"]) == "Coupe · Camille"
    assert event["dtstart"].dt == start
    assert booking.reference in str(event["uid"])
    assert start - timezone.now() < timedelta(days=90)


def test_the_customer_reads_the_history_of_their_booking_on_a_phone(
    page, transactional_db, salon, manager, customer
):
    from creneau.bookings.services import booking_reschedule
    from tests.conftest import PASSWORD

    day = a_working_day()
    start = datetime.combine(day, time(10), tzinfo=ZoneInfo("Europe/Paris"))
    booking = booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=start,
        staff=salon.test_staff[2],
        now=timezone.now(),
    )
    booking_reschedule(booking=booking, actor=manager, start=start + timedelta(hours=4))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/accounts/login/?next=/account/bookings/{booking.reference}/")
    refuse = page.locator("button[name='refuse_all']")
    if refuse.count():
        refuse.first.click()
    page.locator("input[name='login']").fill(customer.email)
    page.locator("input[name='password']").fill(PASSWORD)
    page.locator("form:has(input[name='password']) button[type='submit']").click()
    history = page.locator(".booking-history")
    expect(history).to_contain_text("Historique de ce rendez-vous")
    expect(history).to_contain_text("par vous")
    expect(history).to_contain_text("Déplacé")
    expect(history).to_contain_text("par Bruno (le salon)")
    page.screenshot(path=f"{SHOTS}-customer.png", full_page=True)
