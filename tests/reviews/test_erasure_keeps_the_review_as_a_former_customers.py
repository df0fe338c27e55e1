"""Erasing the author keeps the review's rating and text, attributed to "Former customer":
the link to the person, the name they chose and the link to the booking are removed, as the
privacy policy says."""

from __future__ import annotations

import pytest

from creneau.privacy.erasure import customer_erase
from creneau.privacy.export import export_collect
from creneau.reviews.models import Review, ReviewReport
from creneau.reviews.services import review_create, review_report
from tests.reviews.conftest import NOW

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_persons_reviews_and_reports(customer, visit, other_customer):
    review = review_create(booking=visit(customer), author=customer, rating=4, text="Bien", now=NOW)
    review_report(review=review, reason="Fake?", reporter=other_customer, now=NOW)
    mine = export_collect(user=customer)
    assert [r["text"] for r in mine["reviews"]] == ["Bien"]
    theirs = export_collect(user=other_customer)
    assert [r["reason"] for r in theirs["review_reports"]] == ["Fake?"]


def test_erasure_cuts_the_author_and_the_page_says_former_customer(
    client_as, customer, visit, other_customer, salon
):
    review = review_create(
        booking=visit(customer), author=customer, rating=2, text="Trop long", now=NOW
    )
    review_report(review=review, reason="Rude", reporter=other_customer, now=NOW)
    customer_erase(user=customer, actor=customer, reason="account", now=NOW)
    customer_erase(user=other_customer, actor=other_customer, reason="account", now=NOW)

    kept = Review.objects.get(pk=review.pk)
    assert (kept.author, kept.display_name, kept.booking) == (None, "", None)
    assert (kept.rating, kept.text) == (2, "Trop long")
    assert kept.author_erased_at is not None
    assert ReviewReport.objects.get().reporter is None
    html = client_as(None, "fr").get(salon.get_absolute_url()).content.decode()
    assert "Trop long" in html and "Ancien client" in html and "Camille" not in html


def test_the_privacy_policy_says_so_in_french_and_in_english(client_as):
    french = client_as(None, "fr").get("/privacy/").content.decode()
    english = client_as(None, "en").get("/privacy/").content.decode()
    assert "« Ancien client »" in french and "trois ans" in french
    assert '"Former customer"' in english and "three years" in english
    # The waitlist's part of the policy is there too.
    assert "Liste d'attente" in french and "Waitlist" in english
