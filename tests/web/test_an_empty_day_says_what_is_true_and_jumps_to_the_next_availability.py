"""The slot picker: a strip of days with their counts, times grouped by part of the day, and an
empty day that says what is true of it with a jump to the next availability."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import pytest
import time_machine
from django.core.cache import caches
from django.urls import reverse

from creneau.bookings.services import booking_create
from creneau.catalog.models import Closure, TimeOff, WorkingHours
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


def picker(client, salon, **params):
    query = {"service": salon.test_services["cut"].pk, **params}
    url = reverse("booking:slots", args=[salon.city_slug, salon.slug])
    return client.get(f"{url}?{urlencode(query)}")


def test_the_strip_shows_a_week_with_each_days_count(english, salon):
    response = picker(english, salon, date="2026-12-08")
    strip = response.context["strip"]
    assert [entry["day"] for entry in strip] == [date(2026, 12, 7 + i) for i in range(7)]
    counts = {entry["day"]: entry["count"] for entry in strip}
    assert counts[date(2026, 12, 8)] == len(response.context["slots"]) == 28
    assert counts[date(2026, 12, 13)] == 0  # Sunday
    html = response.content.decode()
    assert "28 times" in html
    assert 'aria-current="date"' in html


def test_times_are_grouped_morning_and_afternoon(english, salon):
    response = picker(english, salon, date="2026-12-08")
    groups = response.context["time_groups"]
    assert [title for title, _times in groups] == ["Morning", "Afternoon"]
    assert groups[0][1][0][1] == "09:00" and groups[1][1][0][1] == "13:00"


def test_a_fully_booked_day_says_so_and_jumps_to_the_next_day(english, salon, make_user):
    cut, colour = salon.test_services["cut"], salon.test_services["colour"]
    # Colours back to back and a cut to end each half-day: no 40-minute gap is left.
    day = [(colour, 9), (colour, 10), (cut, 11), (colour, 13), (colour, 14), (colour, 15)]
    day += [(colour, 16), (cut, 17)]
    for n, member in enumerate(salon.test_staff):
        person = make_user(f"p{n}@example.org", phone=f"+3361234567{n}")
        for service, hour in day:
            booking_create(
                customer=person,
                business=salon,
                services=[service],
                start=paris(2026, 12, 9, hour),
                staff=member,
            )
    response = picker(english, salon, date="2026-12-09")
    assert response.context["slots"] == []
    assert response.context["empty_reason"] == "This day is fully booked."
    assert response.context["next_available"] == date(2026, 12, 10)
    assert "Next availability: Thursday 10 December" in response.content.decode()


def test_a_staff_member_away_is_named_and_anyone_is_offered(english, salon):
    alice = salon.test_staff[0]
    TimeOff.objects.create(staff=alice, start=paris(2026, 12, 8, 0), end=paris(2026, 12, 10, 0))
    response = picker(english, salon, date="2026-12-08", staff=alice.pk)
    assert response.context["empty_reason"] == "Alice is away on this day."
    assert response.context["next_available"] == date(2026, 12, 10)
    assert "See the times with anyone available" in response.content.decode()


def test_a_staff_member_who_does_not_work_that_weekday_is_not_called_closed(english, salon):
    bruno = salon.test_staff[1]
    WorkingHours.objects.filter(staff=bruno, weekday=2).delete()  # Wednesdays off
    # Written behind the back office's back: the salon's kept offer is dropped by hand.
    caches["pages"].clear()
    response = picker(english, salon, date="2026-12-09", staff=bruno.pk)
    assert response.context["empty_reason"] == "Bruno does not work on this day."
    assert "closed" not in response.context["empty_reason"]
    assert response.context["next_available"] == date(2026, 12, 10)


def test_a_closure_says_the_salon_is_closed_and_looks_beyond_the_week(english, salon):
    Closure.objects.create(
        business=salon, start_date=date(2026, 12, 8), end_date=date(2026, 12, 20)
    )
    response = picker(english, salon, date="2026-12-08")
    assert response.context["empty_reason"] == "The salon is closed on this day."
    assert response.context["next_available"] == date(2026, 12, 21)


def test_the_fragment_is_the_results_alone(english, salon):
    response = picker(english, salon, date="2026-12-08", fragment="1")
    html = response.content.decode()
    assert "<html" not in html and 'class="day-strip"' in html and 'class="slot"' in html


def test_opened_without_a_day_after_the_last_time_it_shows_the_next_day_with_times(english, salon):
    with time_machine.travel(paris(2026, 12, 7, 17, 30), tick=False):
        response = picker(english, salon)
    assert response.context["day"] == date(2026, 12, 8)
    assert len(response.context["slots"]) == 28
    html = response.content.decode()
    assert "Nothing is free today any more: here is the first day with free times." in html
    strip = {entry["day"]: entry["count"] for entry in response.context["strip"]}
    assert strip[date(2026, 12, 7)] == 0  # today stays in the strip, empty


def test_opened_without_a_day_on_a_sunday_it_shows_monday(english, salon):
    with time_machine.travel(paris(2026, 12, 13, 10), tick=False):
        response = picker(english, salon)
    assert response.context["day"] == date(2026, 12, 14)
    assert response.context["slots"]


def test_opened_without_a_day_with_times_left_today_it_stays_on_today(english, salon):
    response = picker(english, salon)
    assert response.context["day"] == date(2026, 12, 7)
    assert "moved_from_today" not in response.context
    assert "Nothing is free today" not in response.content.decode()


def test_a_day_asked_for_is_shown_even_when_empty(english, salon):
    response = picker(english, salon, date="2026-12-13")
    assert response.context["day"] == date(2026, 12, 13)
    assert response.context["slots"] == []
    assert response.context["next_available"] == date(2026, 12, 14)
