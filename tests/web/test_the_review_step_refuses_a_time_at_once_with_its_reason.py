"""The review step checks the chosen time with the booking's rules before Confirm, and a second
Confirm of one's own booking leads to it."""

from __future__ import annotations

from datetime import UTC, date
from urllib.parse import urlencode

import pytest
import time_machine
from django.urls import reverse

from creneau.bookings.models import Booking
from creneau.catalog.models import Closure, TimeOff
from tests.conftest import paris

pytestmark = pytest.mark.django_db

NOW = paris(2026, 12, 7, 8)  # Monday 08:00 in Paris


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def review(client, salon, start, **params):
    url = reverse("booking:review", args=[salon.city_slug, salon.slug])
    query = {"service": salon.test_services["cut"].pk, "start": start.astimezone(UTC).isoformat()}
    return client.get(f"{url}?{urlencode({**query, **params})}", follow=True)


def refusal(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(
    ("start", "words", "day"),
    [
        (paris(2026, 12, 6, 10), "already passed", "2026-12-07"),
        (paris(2026, 12, 7, 8, 30), "too soon", "2026-12-07"),
        (paris(2027, 3, 1, 10), "up to 60 days ahead", "2027-03-01"),
        (paris(2026, 12, 8, 10, 7), "times shown in the list", "2026-12-08"),
        (paris(2026, 12, 8, 12, 15), "No one works at that time", "2026-12-08"),
    ],
)
def test_a_stale_or_crafted_time_is_refused_before_confirm_with_its_reason(
    english, customer, salon, start, words, day
):
    english.force_login(customer)
    response = review(english, salon, start)
    assert response.redirect_chain, "the review page was shown for a time that is not offered"
    last = response.redirect_chain[-1][0]
    assert last.startswith(reverse("booking:slots", args=["paris", "salon-test"]))
    assert f"date={day}" in last
    messages = refusal(response)
    assert len(messages) == 1 and words in messages[0]
    assert "just been taken" not in messages[0]


def test_a_closure_and_an_absence_are_named(english, customer, salon):
    english.force_login(customer)
    Closure.objects.create(business=salon, start_date=date(2026, 12, 9), end_date=date(2026, 12, 9))
    assert "closed" in refusal(review(english, salon, paris(2026, 12, 9, 10)))[0]
    alice = salon.test_staff[0]
    TimeOff.objects.create(staff=alice, start=paris(2026, 12, 8, 9), end=paris(2026, 12, 8, 12))
    messages = refusal(review(english, salon, paris(2026, 12, 8, 10), staff=alice.pk))
    assert "Alice is away" in messages[0]


def test_a_visitor_is_refused_at_once_too(english, salon):
    response = review(english, salon, paris(2026, 12, 8, 10, 7))
    assert "times shown in the list" in refusal(response)[0]


def test_the_review_never_promises_a_free_cancellation_already_past(english, customer, salon):
    english.force_login(customer)
    response = review(english, salon, paris(2026, 12, 7, 15))  # deadline 24 h before: past
    assert response.status_code == 200 and not response.redirect_chain
    html = response.content.decode()
    assert "too close to be cancelled or moved online" in html
    assert "Until Sunday 6 December" not in html


def test_confirming_ones_own_booking_again_leads_to_it(english, customer, salon):
    english.force_login(customer)
    cut = salon.test_services["cut"]
    start = paris(2026, 12, 8, 10).astimezone(UTC).isoformat()
    url = reverse("booking:review", args=["paris", "salon-test"])
    english.post(url, {"service": cut.pk, "start": start, "key": "first-tab"})
    booking = Booking.objects.get()
    # the back button: the review page again, then Confirm with a fresh key
    again = english.get(f"{url}?{urlencode({'service': cut.pk, 'start': start})}")
    assert again.status_code == 302
    assert again.url == reverse("booking:detail", args=[booking.reference])
    second = english.post(
        url, {"service": cut.pk, "start": start, "key": "second-tab"}, follow=True
    )
    assert second.redirect_chain[-1][0] == reverse("booking:detail", args=[booking.reference])
    assert not any("just been taken" in m for m in refusal(second))
    assert Booking.objects.count() == 1
