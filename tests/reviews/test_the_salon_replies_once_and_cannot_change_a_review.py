"""The salon's owners and managers reply once, publicly; nobody at the salon edits a review."""

from __future__ import annotations

import pytest

from creneau.catalog.models import StaffRole
from creneau.reviews.errors import ReplyRefused, ReviewNotFound
from creneau.reviews.models import Review
from creneau.reviews.services import review_create, review_reply
from tests.reviews.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(customer, visit):
    return review_create(booking=visit(customer), author=customer, rating=3, text="Ok", now=NOW)


def member(salon, make_user, index, role, email):
    user = make_user(email, phone=f"+3367000000{index}")
    staff = salon.test_staff[index]
    staff.user, staff.role = user, role
    staff.save()
    return user


def test_the_owner_replies_once_from_the_back_office_and_the_page_shows_it(
    client_as, salon, make_user, review
):
    owner = member(salon, make_user, 0, StaffRole.OWNER, "owner@example.org")
    client = client_as(owner)
    url = f"/pro/{salon.slug}/reviews/{review.pk}/reply/"
    client.post(url, {"text": "Merci, à bientôt !"})
    client.post(url, {"text": "A second reply"})
    kept = Review.objects.get(pk=review.pk)
    assert kept.reply_text == "Merci, à bientôt !"
    assert (kept.rating, kept.text) == (3, "Ok")
    assert "Merci, à bientôt !" in client_as(None).get(salon.get_absolute_url()).content.decode()


def test_a_second_reply_is_refused(salon, make_user, review):
    owner = member(salon, make_user, 0, StaffRole.OWNER, "owner@example.org")
    review_reply(review=review, actor=owner, text="One", now=NOW)
    with pytest.raises(ReplyRefused):
        review_reply(review=review, actor=owner, text="Two", now=NOW)


def test_plain_staff_and_other_salons_cannot_reply_nor_see_the_page(
    client_as, salon, make_user, review
):
    staff = member(salon, make_user, 2, StaffRole.STAFF, "staff@example.org")
    with pytest.raises(ReviewNotFound):
        review_reply(review=review, actor=staff, text="Hi", now=NOW)
    assert client_as(staff).get(f"/pro/{salon.slug}/reviews/").status_code == 403
    stranger = make_user("stranger@example.org", phone="+33699999999")
    assert client_as(stranger).get(f"/pro/{salon.slug}/reviews/").status_code == 404
    assert Review.objects.get(pk=review.pk).reply_text == ""
