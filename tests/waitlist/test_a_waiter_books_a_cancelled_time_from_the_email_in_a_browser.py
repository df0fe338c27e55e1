"""In Chromium: a salon with one free time on a day, booked by Bea. Camille finds no time,
joins the waitlist from the slot page; Bea cancels; Camille opens the link of the e-mail and
books the time."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from creneau.bookings.models import Booking, BookingStatus
from creneau.bookings.services import booking_cancel, booking_create
from creneau.catalog.models import WorkingHours
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

PARIS = ZoneInfo("Europe/Paris")
OFFER_LINK = re.compile(r"https?://[^\s]+(/account/waitlist/offers/[^\s/]+/)")


def log_in(page, user, next_url) -> None:
    page.goto(f"/accounts/login/?{urlencode({'next': next_url})}")
    refuse = page.locator("button[name='refuse_all']")
    if refuse.count():
        with page.expect_navigation():
            refuse.first.click()
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")


def a_day_with_one_time(salon):
    """Three days ahead or more, not a Sunday; Alice works 10:00-10:40 that day, no one else."""
    day = timezone.now().astimezone(PARIS).date() + timedelta(days=3)
    while day.weekday() == 6:
        day += timedelta(days=1)
    WorkingHours.objects.all().delete()
    WorkingHours.objects.create(
        staff=salon.test_staff[0], weekday=day.weekday(), start=time(10), end=time(10, 40)
    )
    return day


def test_the_first_waiter_books_the_cancelled_time_from_the_email(page, salon, customer, make_user):
    day = a_day_with_one_time(salon)
    start = datetime.combine(day, time(10), tzinfo=PARIS)
    cut = salon.test_services["cut"]
    bea = make_user("bea@example.org", first_name="Bea", phone="+33690000001")
    taken = booking_create(customer=bea, business=salon, services=[cut], start=start)

    log_in(page, customer, f"/salons/paris/salon-test/book/?service={cut.pk}&date={day}")
    expect(page.locator(".empty-day")).to_be_visible()
    page.locator("#waitlist-link").click()
    page.locator("#id_first_day").fill(day.isoformat())
    page.locator("#id_last_day").fill(day.isoformat())
    page.locator("#join-waitlist").click()
    expect(page).to_have_url(re.compile(r"/account/waitlist/$"))
    expect(page.locator("main")).to_contain_text("Salon Test")

    mail.outbox.clear()
    booking_cancel(booking=taken, actor=bea)
    (offer_mail,) = [m for m in mail.outbox if m.to == [customer.email]]
    path = OFFER_LINK.search(offer_mail.body).group(1)

    page.goto(path)
    page.locator("#book-offer").click()
    expect(page).to_have_url(re.compile(r"/account/bookings/[A-Z0-9]+/$"))
    mine = Booking.objects.get(customer=customer)
    assert (mine.start, mine.status) == (start, BookingStatus.CONFIRMED)
