"""The customer's booking flow on the site, through the test client."""

from __future__ import annotations

from datetime import UTC, timedelta
from urllib.parse import urlencode

import pytest
import time_machine
from django.urls import reverse

from creneau.bookings.models import Booking
from creneau.bookings.services import booking_create
from tests.conftest import paris

pytestmark = pytest.mark.django_db

NOW = paris(2026, 12, 7, 8)  # Monday 08:00 in Paris


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def slots_url(salon, **params):
    return (
        reverse("booking:slots", args=[salon.city_slug, salon.slug])
        + "?"
        + urlencode(params, doseq=True)
    )


def review_url(salon, **params):
    return (
        reverse("booking:review", args=[salon.city_slug, salon.slug])
        + "?"
        + urlencode(params, doseq=True)
    )


def test_the_slot_page_lists_the_days_free_times_in_salon_time(client, salon):
    cut = salon.test_services["cut"]
    response = client.get(slots_url(salon, service=cut.pk, date="2026-12-08"))
    assert response.status_code == 200
    labels = [label for _start, label in response.context["slots"]]
    assert labels[0] == "09:00"
    assert "11:15" in labels and "11:30" not in labels  # 30 min + 10 min buffer before noon
    assert "12:00" not in labels and "13:00" in labels
    assert labels[-1] == "17:15"


def test_an_empty_day_says_why(client, salon, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    cut = salon.test_services["cut"]
    sunday = client.get(slots_url(salon, service=cut.pk, date="2026-12-13"))
    assert sunday.context["slots"] == []
    # What is true of that day: everyone is off on Sundays (see
    # test_an_empty_day_says_what_is_true_and_jumps_to_the_next_availability for the others).
    assert "closed on this day" in sunday.context["empty_reason"]
    far = client.get(slots_url(salon, service=cut.pk, date="2027-03-01"))
    assert "that far ahead" in far.context["empty_reason"]
    past = client.get(slots_url(salon, service=cut.pk, date="2026-12-01"))
    assert "past" in past.context["empty_reason"]


def test_bad_input_on_the_slot_page_is_a_form_error_not_a_crash(client, salon):
    for params in ({"service": "abc"}, {"service": 999999}, {"date": "2026-13-45", "service": 1}):
        response = client.get(slots_url(salon, **params))
        assert response.status_code == 200
        assert response.context["form"].errors


def test_a_visitor_is_sent_to_log_in_and_comes_back_to_the_same_choice(client, salon, customer):
    cut = salon.test_services["cut"]
    start = paris(2026, 12, 8, 10).astimezone(UTC).isoformat()
    url = review_url(salon, service=cut.pk, start=start)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    from tests.conftest import PASSWORD

    login = client.post(response.url, {"login": customer.email, "password": PASSWORD})
    assert login.status_code == 302
    assert login.url == url


def test_review_then_confirm_books_once_even_when_posted_twice(client, salon, customer):
    client.force_login(customer)
    cut = salon.test_services["cut"]
    start = paris(2026, 12, 8, 10).astimezone(UTC).isoformat()
    review = client.get(review_url(salon, service=cut.pk, start=start))
    assert review.status_code == 200
    html = review.content.decode()
    assert "Salon Test" in html and "10:00" in html and "35" in html
    key = review.context["key"]
    post = {"service": cut.pk, "start": start, "key": key}
    first = client.post(reverse("booking:review", args=["paris", "salon-test"]), post)
    second = client.post(reverse("booking:review", args=["paris", "salon-test"]), post)
    booking = Booking.objects.get()
    assert first.url == second.url == reverse("booking:detail", args=[booking.reference])
    detail = client.get(first.url)
    assert detail.status_code == 200
    assert booking.reference in detail.content.decode()


def test_a_slot_taken_meanwhile_sends_back_to_fresh_slots_with_a_message(
    client, salon, customer, other_customer
):
    alice = salon.test_staff[0]
    cut = salon.test_services["cut"]
    start = paris(2026, 12, 8, 10)
    booking_create(
        customer=other_customer, business=salon, services=[cut], start=start, staff=alice
    )
    client.force_login(customer)
    response = client.post(
        reverse("booking:review", args=["paris", "salon-test"]),
        {"service": cut.pk, "staff": alice.pk, "start": start.astimezone(UTC).isoformat()},
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(
        reverse("booking:slots", args=["paris", "salon-test"])
    )
    assert "10:00" not in [label for _s, label in response.context["slots"]]
    assert len(list(response.context["messages"])) == 1
    assert Booking.objects.count() == 1


def test_my_bookings_lists_upcoming_and_the_ics_has_the_salon_time(client, salon, customer):
    from icalendar import Calendar

    booking = booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=paris(2026, 12, 8, 10),
    )
    client.force_login(customer)
    listing = client.get(reverse("booking:list"))
    assert [b.pk for b in listing.context["upcoming"]] == [booking.pk]
    ics = client.get(reverse("booking:ics", args=[booking.reference]))
    assert ics["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert (start.hour, start.minute) == (10, 0)
    assert str(start.tzinfo) == "Europe/Paris"
    assert event.decoded("dtend") - start == timedelta(minutes=30)


def test_another_customers_booking_is_a_404(client, salon, customer, other_customer):
    booking = booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=paris(2026, 12, 8, 10),
    )
    client.force_login(other_customer)
    for name in ("booking:detail", "booking:ics", "booking:cancel", "booking:reschedule"):
        assert client.get(reverse(name, args=[booking.reference])).status_code == 404
    assert client.post(reverse("booking:cancel", args=[booking.reference])).status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_cancel_and_move_from_the_account(client, salon, customer):
    booking = booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=paris(2026, 12, 9, 10),
    )
    client.force_login(customer)
    moved_to = paris(2026, 12, 9, 15).astimezone(UTC).isoformat()
    client.post(reverse("booking:reschedule", args=[booking.reference]), {"start": moved_to})
    booking.refresh_from_db()
    assert booking.start == paris(2026, 12, 9, 15)
    client.post(reverse("booking:cancel", args=[booking.reference]))
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED_BY_CUSTOMER


def test_the_deadline_blocks_changes_online(client, salon, customer):
    booking = booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=paris(2026, 12, 7, 16),
    )
    client.force_login(customer)
    client.post(reverse("booking:cancel", args=[booking.reference]))
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert not client.get(reverse("booking:detail", args=[booking.reference])).context["changeable"]


def test_the_slot_page_for_one_day_makes_at_most_six_queries(
    client, salon, django_assert_max_num_queries
):
    url = slots_url(salon, service=salon.test_services["cut"].pk, date="2026-12-08")
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["slots"]
