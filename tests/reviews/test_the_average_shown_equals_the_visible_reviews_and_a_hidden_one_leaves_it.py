"""The salon page's average and count per star are the visible reviews'; hiding one (staff,
with a reason) takes it out, tells its author why, and shows the salon why."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail

from creneau.reviews.models import Review
from creneau.reviews.selectors import rating_counted, rating_summary
from creneau.reviews.services import review_create, review_hide
from tests.conftest import paris
from tests.reviews.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_reviews(salon, make_user, visit):
    reviews = []
    for i, rating in enumerate([5, 4, 1]):
        author = make_user(f"author{i}@example.org", first_name=f"Au{i}", phone=f"+3361000000{i}")
        booking = visit(author, start=paris(2026, 12, 10 + i, 10))
        reviews.append(
            review_create(booking=booking, author=author, rating=rating, text=f"Text {i}", now=NOW)
        )
    return reviews


@pytest.fixture
def moderator(make_user):
    return make_user(
        "moderator@example.org", phone="+33655555555", is_staff=True, is_superuser=True
    )


def average_on_page(client, salon):
    html = client.get(salon.get_absolute_url()).content.decode()
    jsonld = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    value = re.search(r'class="rating-value">([\d.]+)<', html)
    return html, (value.group(1) if value else None), [json.loads(j) for j in jsonld]


def summary(salon):
    """The figures kept on the salon's row, checked against a count of the reviews."""
    salon.refresh_from_db()
    kept = rating_summary(business=salon)
    assert kept == rating_counted(business=salon)
    return kept


def test_the_page_shows_the_average_of_the_visible_reviews(client_as, salon, three_reviews):
    assert summary(salon).average == Decimal("3.3")
    html, shown, jsonld = average_on_page(client_as(None), salon)
    assert shown == "3.3"
    rating = next(j["aggregateRating"] for j in jsonld if "aggregateRating" in j)
    assert (rating["ratingValue"], rating["ratingCount"]) == ("3.3", 3)
    # Newest first.
    assert html.index("Text 2") < html.index("Text 1") < html.index("Text 0")


def test_a_hidden_review_leaves_the_average_and_its_author_is_told_why(
    client_as, salon, three_reviews, moderator, django_capture_on_commit_callbacks
):
    low = three_reviews[2]
    with django_capture_on_commit_callbacks(execute=True):
        assert review_hide(review=low, actor=moderator, reason="Insults the staff.", now=NOW)
    figures = summary(salon)
    assert (figures.count, figures.average, figures.per_star[1]) == (2, Decimal("4.5"), 0)
    html, shown, _jsonld = average_on_page(client_as(None), salon)
    assert shown == "4.5"
    assert "Text 2" not in html
    told = [m for m in mail.outbox if m.to == ["author2@example.org"]]
    assert len(told) == 1 and "Insults the staff." in told[0].body


def test_staff_hide_from_the_admin_with_a_reason_and_the_salon_sees_why(
    client_as, salon, three_reviews, moderator, make_user
):
    from creneau.catalog.models import StaffRole

    admin = client_as(moderator)
    target = three_reviews[0]
    url = "/admin/reviews/review/"
    asked = admin.post(url, {"action": "hide_with_reason", ACTION_CHECKBOX_NAME: [target.pk]})
    assert asked.status_code == 200 and b"Reason" in asked.content
    assert Review.objects.get(pk=target.pk).hidden_at is None
    admin.post(
        url,
        {
            "action": "hide_with_reason",
            ACTION_CHECKBOX_NAME: [target.pk],
            "reason": "Not about this salon.",
            "apply": "1",
        },
    )
    assert Review.objects.get(pk=target.pk).hidden_reason == "Not about this salon."

    owner = make_user("owner@example.org", phone="+33611111111")
    member = salon.test_staff[0]
    member.user, member.role = owner, StaffRole.OWNER
    member.save()
    page = client_as(owner).get(f"/pro/{salon.slug}/reviews/").content.decode()
    assert "Hidden by the moderators" in page and "Not about this salon." in page


def test_a_hide_without_a_reason_or_by_a_non_staff_account_changes_nothing(
    salon, three_reviews, customer
):
    from creneau.reviews.errors import ReviewError

    with pytest.raises(ReviewError):
        review_hide(review=three_reviews[0], actor=customer, reason="x", now=NOW)
    assert summary(salon).count == 3


def test_search_cards_show_the_average_and_the_count(client_as, salon, three_reviews):
    from creneau.catalog.services import business_reindex

    business_reindex(business_ids=[salon.pk])
    html = client_as(None).get("/salons/?where=Paris").content.decode()
    card = html[html.index("Salon Test") :]
    assert re.search(r'rating-value">3\.3<', card)
    assert "(3 reviews)" in card
