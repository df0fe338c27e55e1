"""The API: a salon's reviews (public), my review of a visit, a report; refusals are
problem documents."""

from __future__ import annotations

import pytest
import time_machine

from creneau.bookings.models import BookingStatus
from creneau.reviews.models import ReviewReport
from tests.reviews.conftest import NOW

pytestmark = pytest.mark.django_db


def test_a_customer_reviews_a_visit_once_and_everyone_reads_it(client_as, customer, visit, salon):
    booking = visit(customer)
    client = client_as(customer)
    with time_machine.travel(NOW, tick=False):
        made = client.post(
            "/api/v1/me/reviews",
            {"booking": booking.reference, "rating": 5, "text": "Parfait", "shown_as": "Cam"},
            content_type="application/json",
        )
        again = client.post(
            "/api/v1/me/reviews",
            {"booking": booking.reference, "rating": 1},
            content_type="application/json",
        )
    assert made.status_code == 201, made.content
    assert made.json()["shown_as"] == "Cam"
    assert again.status_code == 422
    assert again.json()["code"] == "review_refused"
    assert again["Content-Type"] == "application/problem+json"

    listed = client_as(None).get(f"/api/v1/salons/{salon.slug}/reviews").json()
    assert listed["total"] == 1 and listed["average"] == "5.0"
    assert listed["per_star"]["5"] == 1
    assert listed["items"][0]["text"] == "Parfait"
    with time_machine.travel(NOW, tick=False):  # the session's last use was then
        mine = client.get("/api/v1/me/reviews").json()
    assert [r["salon"] for r in mine] == ["Salon Test"]


def test_a_no_show_and_someone_elses_booking_are_refused(
    client_as, customer, other_customer, visit
):
    missed = visit(customer, status=BookingStatus.NO_SHOW)
    theirs = visit(other_customer, staff_index=1)
    client = client_as(customer)
    with time_machine.travel(NOW, tick=False):
        refused = client.post(
            "/api/v1/me/reviews",
            {"booking": missed.reference, "rating": 4},
            content_type="application/json",
        )
        hidden = client.post(
            "/api/v1/me/reviews",
            {"booking": theirs.reference, "rating": 4},
            content_type="application/json",
        )
    assert refused.status_code == 422
    assert hidden.status_code == 404
    assert (
        client_as(None).post("/api/v1/me/reviews", {}, content_type="application/json").status_code
        == 401
    )


def test_anyone_reports_a_review(client_as, customer, visit):
    from creneau.reviews.services import review_create

    review = review_create(booking=visit(customer), author=customer, rating=1, now=NOW)
    answer = client_as(None).post(
        f"/api/v1/reviews/{review.pk}/report",
        {"reason": "Spam"},
        content_type="application/json",
    )
    assert answer.status_code == 202
    assert ReviewReport.objects.get().reason == "Spam"
    assert (
        client_as(None)
        .post("/api/v1/reviews/999999/report", {"reason": "x"}, content_type="application/json")
        .status_code
        == 404
    )
