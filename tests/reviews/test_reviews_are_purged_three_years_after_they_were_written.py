"""Retention: a review is deleted 3 years after it was written, and the salon's counts follow."""

from __future__ import annotations

from datetime import timedelta

import pytest

from creneau.privacy.retention import retention_apply
from creneau.reviews.models import Review
from creneau.reviews.selectors import rating_summary
from creneau.reviews.services import review_create
from tests.reviews.conftest import NOW

pytestmark = pytest.mark.django_db


def test_an_old_review_is_deleted_and_leaves_the_count(salon, customer, visit):
    review_create(booking=visit(customer), author=customer, rating=5, now=NOW)
    retention_apply(now=NOW + timedelta(days=3 * 365 - 1))
    assert Review.objects.count() == 1
    run = retention_apply(now=NOW + timedelta(days=3 * 365 + 1))
    assert run.counts["old_reviews_purged"] == 1
    assert Review.objects.count() == 0
    salon.refresh_from_db()
    assert rating_summary(business=salon).count == 0
