"""The clock invites each customer once, a little after a visit that took place; the link in
the invitation turns them off without logging in."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail

from creneau.bookings.models import BookingStatus
from creneau.notifications.clock import clock_tick
from creneau.reviews.models import ReviewPreference
from creneau.reviews.services import review_create
from tests.conftest import paris
from tests.reviews.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def tick(django_capture_on_commit_callbacks):
    """A tick of the clock whose messages are delivered, as once its transaction commits."""

    def run(now):
        with django_capture_on_commit_callbacks(execute=True):
            clock_tick(now=now)

    return run


OFF_LINK = re.compile(r"https?://[^\s]+/reviews/invitations/off/[^\s/]+/")


def invitations_to(address):
    return [m for m in mail.outbox if m.to == [address] and "visit" in m.subject.lower()]


def test_one_invitation_per_visit_from_the_clock_with_a_review_link(customer, visit, tick):
    booking = visit(customer)
    tick(NOW)
    tick(NOW + timedelta(minutes=1))
    sent = invitations_to(customer.email)
    assert len(sent) == 1
    assert f"/account/bookings/{booking.reference}/review/" in sent[0].body
    assert OFF_LINK.search(sent[0].body)


def test_no_invitation_before_the_end_for_a_no_show_a_cancellation_or_a_reviewed_visit(
    customer, other_customer, make_user, visit, tick
):
    visit(customer, start=NOW - timedelta(minutes=40))  # ended 10 minutes ago: not yet
    visit(other_customer, status=BookingStatus.NO_SHOW)
    third = make_user("third@example.org", phone="+33677777777")
    visit(third, status=BookingStatus.CANCELLED_BY_CUSTOMER, staff_index=1)
    fourth = make_user("fourth@example.org", phone="+33688888888")
    review_create(
        booking=visit(fourth, start=paris(2026, 12, 14, 15)), author=fourth, rating=5, now=NOW
    )
    tick(NOW)
    assert [m.to for m in mail.outbox] == []


def test_the_link_turns_invitations_off_without_logging_in(
    client_as, customer, other_customer, visit, tick
):
    visit(customer)
    tick(NOW)
    link = OFF_LINK.search(invitations_to(customer.email)[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    anonymous = client_as(None)
    assert anonymous.get("/" + path).status_code == 200
    assert not ReviewPreference.objects.filter(user=customer, invitations=False).exists()
    anonymous.post("/" + path)
    assert ReviewPreference.objects.get(user=customer).invitations is False
    assert anonymous.get("/reviews/invitations/off/forged-token/").status_code == 404

    mail.outbox.clear()
    visit(customer, start=paris(2026, 12, 14, 15))
    visit(other_customer, start=paris(2026, 12, 14, 15), staff_index=1)
    tick(NOW)
    assert invitations_to(customer.email) == []
    assert len(invitations_to(other_customer.email)) == 1
