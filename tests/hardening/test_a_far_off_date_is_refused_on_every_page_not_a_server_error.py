"""Years 1 and 9999 in a date or a time: every page answers (its default day, or a clear form
error), none answers 500."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from creneau.bookings.services import booking_create
from creneau.dates import is_plausible, plausible_range
from tests.conftest import paris
from tests.hardening.conftest import NOW

pytestmark = pytest.mark.django_db

FAR = ["0001-01-01", "9999-12-31"]
FAR_TIMES = ["9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+00:00"]


def test_the_range_is_ten_years_back_to_the_longest_horizon_and_a_margin():
    first, last = plausible_range(date(2026, 12, 7))
    assert first == date(2016, 12, 6)
    assert last == date(2026, 12, 7) + timedelta(days=366 + 60)
    assert is_plausible(date(2026, 12, 7), date(2026, 12, 7))
    assert not is_plausible(date(9999, 12, 31), date(2026, 12, 7))
    assert not is_plausible(datetime(1, 1, 1), date(2026, 12, 7))


@pytest.mark.parametrize("day", FAR)
def test_the_slot_page_says_the_date_is_out_of_range(client, salon, frozen, day):
    url = reverse("booking:slots", args=["paris", "salon-test"])
    cut = salon.test_services["cut"]
    response = client.get(f"{url}?{urlencode({'service': cut.pk, 'date': day})}")
    assert response.status_code == 200
    assert response.context["form"].errors["date"]


@pytest.mark.parametrize("start", FAR_TIMES)
def test_the_review_page_sends_back_to_the_slots(client, salon, customer, frozen, start):
    client.force_login(customer)
    url = reverse("booking:review", args=["paris", "salon-test"])
    cut = salon.test_services["cut"]
    response = client.get(f"{url}?{urlencode({'service': cut.pk, 'start': start})}")
    assert response.status_code == 302
    response = client.post(url, {"service": cut.pk, "start": start, "key": "k"})
    assert response.status_code == 302


@pytest.mark.parametrize("day", FAR)
def test_the_reschedule_page_shows_the_bookings_own_day(client, salon, customer, frozen, day):
    booking = booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=paris(2026, 12, 10, 10),
        now=NOW,
    )
    client.force_login(customer)
    url = reverse("booking:reschedule", args=[booking.reference])
    response = client.get(f"{url}?date={day}")
    assert response.status_code == 200
    assert response.context["day"] == date(2026, 12, 10)
    response = client.post(url, {"start": FAR_TIMES[0]})
    assert response.status_code == 302


@pytest.mark.parametrize("day", FAR)
@pytest.mark.parametrize("page", ["agenda", "agenda_week"])
def test_the_agenda_shows_today_instead(login, owner, salon, frozen, day, page):
    url = reverse(f"backoffice:{page}", kwargs={"salon": salon.slug})
    response = login(owner).get(f"{url}?date={day}")
    assert response.status_code == 200


@pytest.mark.parametrize("day", FAR)
def test_the_new_booking_page_says_the_date_is_out_of_range(login, owner, salon, frozen, day):
    url = reverse("backoffice:booking_new", kwargs={"salon": salon.slug})
    cut = salon.test_services["cut"]
    response = login(owner).get(f"{url}?{urlencode({'services': cut.pk, 'date': day})}")
    assert response.status_code == 200
    assert "Choose a date between" in response.content.decode()


@pytest.mark.parametrize("day", FAR)
def test_the_api_refuses_a_far_off_day_of_availability(client, salon, frozen, day):
    cut = salon.test_services["cut"]
    response = client.get(f"/api/v1/salons/salon-test/availability?service={cut.pk}&from={day}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.from"
