"""In Chromium: a customer logs in, finds the visit of yesterday under "Visits to review" in
My bookings, rates it with a text, and sees the review, the average and their name on the
salon page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from creneau.bookings.models import BookingStatus
from creneau.reviews.models import Review
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


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


def test_a_customer_reviews_yesterdays_visit(page, customer, salon, visit):
    booking = visit(
        customer, start=timezone.now() - timedelta(days=1), status=BookingStatus.COMPLETED
    )
    log_in(page, customer)
    page.goto("/account/bookings/")
    page.locator(f"a[href='/account/bookings/{booking.reference}/review/']").click()
    expect(page.locator("h1")).to_contain_text("Salon Test")
    expect(page.locator("#id_display_name")).to_have_value("Camille D.")

    page.locator("label[for='id_rating_1']").click()  # the second choice: 4 stars
    page.locator("#id_text").fill("Coupe parfaite, accueil chaleureux.")
    page.locator("form.review-form button[type='submit']").click()

    expect(page).to_have_url(re.compile(r"/salons/paris/salon-test/#reviews$"))
    reviews = page.locator("#reviews")
    expect(reviews).to_contain_text("Coupe parfaite, accueil chaleureux.")
    expect(reviews).to_contain_text("Camille D.")
    expect(reviews.locator(".rating-value")).to_have_text("4,0")  # French by default
    assert Review.objects.get().rating == 4

    # The visit is no longer offered for review.
    page.goto("/account/bookings/")
    expect(page.locator(f"a[href='/account/bookings/{booking.reference}/review/']")).to_have_count(
        0
    )
