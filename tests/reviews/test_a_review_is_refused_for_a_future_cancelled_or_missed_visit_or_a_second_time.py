"""Only a visit that took place is reviewed, by its customer, once, within 30 days."""

from __future__ import annotations

from datetime import timedelta

import pytest

from creneau.bookings.models import BookingStatus
from creneau.reviews.errors import ReviewRefused
from creneau.reviews.models import Review
from creneau.reviews.services import review_create
from tests.conftest import paris
from tests.races import race
from tests.reviews.conftest import NOW

pytestmark = pytest.mark.django_db


def test_a_past_honoured_visit_is_reviewed_with_the_default_name_service_and_month(customer, visit):
    review = review_create(booking=visit(customer), author=customer, rating=4, now=NOW)
    assert (review.display_name, review.service_name) == ("Camille D.", "Coupe")
    assert review.visit_month.isoformat() == "2026-12-01"
    assert review.text == ""


@pytest.mark.parametrize(
    ("status", "start"),
    [
        (BookingStatus.CONFIRMED, paris(2026, 12, 16, 10)),  # future
        (BookingStatus.CANCELLED_BY_CUSTOMER, paris(2026, 12, 14, 10)),
        (BookingStatus.CANCELLED_BY_BUSINESS, paris(2026, 12, 14, 10)),
        (BookingStatus.NO_SHOW, paris(2026, 12, 14, 10)),
        (BookingStatus.COMPLETED, paris(2026, 11, 10, 10)),  # more than 30 days ago
    ],
)
def test_a_future_cancelled_missed_or_old_visit_is_refused(customer, visit, status, start):
    booking = visit(customer, start=start, status=status)
    with pytest.raises(ReviewRefused):
        review_create(booking=booking, author=customer, rating=5, now=NOW)
    assert Review.objects.count() == 0


def test_a_second_review_of_one_visit_is_refused(customer, visit):
    booking = visit(customer, status=BookingStatus.COMPLETED)
    review_create(booking=booking, author=customer, rating=5, now=NOW)
    with pytest.raises(ReviewRefused, match="already"):
        review_create(booking=booking, author=customer, rating=1, now=NOW)
    assert Review.objects.get().rating == 5


def test_someone_elses_visit_is_refused(customer, other_customer, visit):
    with pytest.raises(ReviewRefused):
        review_create(booking=visit(customer), author=other_customer, rating=1, now=NOW)


def test_a_rating_outside_one_to_five_and_an_overlong_text_are_refused(customer, visit):
    booking = visit(customer)
    for rating in (0, 6):
        with pytest.raises(ReviewRefused):
            review_create(booking=booking, author=customer, rating=rating, now=NOW)
    with pytest.raises(ReviewRefused, match="too long"):
        review_create(booking=booking, author=customer, rating=3, text="x" * 2001, now=NOW)
    assert Review.objects.count() == 0


def test_the_last_day_of_the_window_is_accepted(customer, visit):
    booking = visit(customer)
    review = review_create(
        booking=booking, author=customer, rating=3, now=booking.end + timedelta(days=30)
    )
    assert review.pk


@pytest.mark.django_db(transaction=True)
def test_two_reviews_of_one_visit_sent_at_once_make_one(customer, visit):
    booking = visit(customer)
    result = race(
        8, lambda i: review_create(booking=booking, author=customer, rating=1 + i % 5, now=NOW)
    )
    assert result.unexpected(ReviewRefused) == []
    assert len(result.values()) == 1
    assert Review.objects.count() == 1
