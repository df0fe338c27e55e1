"""The salon page shows the next free times of its first service, each a link to book it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from creneau.bookings.models import Booking
from creneau.catalog.models import Closure, WorkingHours
from creneau.web.catalog_views import business_detail
from tests.conftest import paris

pytestmark = pytest.mark.django_db

NOW = paris(2026, 12, 7, 8)  # Monday 08:00 in Paris
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def cut_first(salon):
    """The cut heads the price list, so it is the service whose free times are shown."""
    colour = salon.test_services["colour"]
    colour.position = 1
    colour.save(update_fields=["position"])
    return salon.test_services["cut"]


def salon_page(client, salon):
    return client.get(reverse("web:business_detail", args=[salon.city_slug, salon.slug]))


def links(response) -> list[str]:
    """The links of the "next free times" box, in order."""
    html = response.content.decode()
    box = html[html.index('id="next-free"') :]
    box = box[: box.index("</section>")]
    return [unescape(href) for href in re.findall(r'href="([^"]*)"', box)]


def book(salon, member, start):
    return Booking.objects.create(
        business=salon,
        staff=member,
        start=start,
        end=start + timedelta(minutes=30),
        blocked_until=start + timedelta(minutes=40),
        total_price="35.00",
    )


def test_it_shows_the_first_three_free_times_of_the_first_service_in_salon_time(
    client, salon, cut_first
):
    response = salon_page(client, salon)
    assert response.context["next_free_service"] == cut_first
    # One hour of notice from Monday 08:00: 09:00 is the first start, then every 15 minutes.
    assert [
        start.astimezone(PARIS).strftime("%H:%M") for start in response.context["next_free"]
    ] == ["09:00", "09:15", "09:30"]
    html = response.content.decode()
    assert "09:00" in html and "09:30" in html


def test_each_time_links_to_the_review_of_that_service_at_that_start(client, salon, cut_first):
    response = salon_page(client, salon)
    hrefs = links(response)
    review = reverse("booking:review", args=[salon.city_slug, salon.slug])
    starts = []
    for href in hrefs[:3]:
        url = urlsplit(href)
        assert url.path == review
        query = parse_qs(url.query)
        assert query["service"] == [str(cut_first.pk)]
        starts.append(datetime.fromisoformat(query["start"][0]).astimezone(UTC))
    assert starts == [start.astimezone(UTC) for start in response.context["next_free"]]
    # The last link opens the slot picker for the same service.
    slots = reverse("booking:slots", args=[salon.city_slug, salon.slug])
    assert hrefs[3] == f"{slots}?service={cut_first.pk}"


def test_a_link_followed_by_a_customer_reaches_the_review_of_that_time(
    client, salon, cut_first, customer
):
    href = links(salon_page(client, salon))[0]
    client.force_login(customer)
    response = client.get(href)
    assert response.status_code == 200
    assert response.context["start"] == paris(2026, 12, 7, 9)
    assert response.context["services"] == [cut_first]


def test_a_time_nobody_is_free_for_is_not_offered(client, salon, cut_first):
    for member in salon.test_staff:
        book(salon, member, paris(2026, 12, 7, 9))
    starts = salon_page(client, salon).context["next_free"]
    # 09:00 is booked for all three; the cut (30 min + 10 min buffer) fits again from 09:40.
    assert [s.astimezone(PARIS).strftime("%H:%M") for s in starts] == [
        "09:45",
        "10:00",
        "10:15",
    ]


def test_closed_days_are_skipped(client, salon, cut_first):
    Closure.objects.create(business=salon, start_date=NOW.date(), end_date=NOW.date())
    starts = salon_page(client, salon).context["next_free"]
    assert starts[0] == paris(2026, 12, 8, 9)


def test_without_anyone_working_the_section_is_left_out(client, salon, cut_first):
    WorkingHours.objects.filter(staff__business=salon).delete()
    response = salon_page(client, salon)
    assert response.context["next_free"] == []
    assert 'id="next-free"' not in response.content.decode()


def test_the_page_is_kept_one_minute_only_since_free_times_change(rf, salon, cut_first):
    # The view itself, without the middleware that forbids caching a page showing the
    # cookie banner.
    request = rf.get(reverse("web:business_detail", args=[salon.city_slug, salon.slug]))
    request.user = AnonymousUser()
    response = business_detail(request, city=salon.city_slug, slug=salon.slug)
    assert response.headers["Cache-Control"] == "private, max-age=60"
