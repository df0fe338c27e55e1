"""Rendered salon and slot pages are reused for anonymous visitors, and only while nothing they
show has changed (web.page_cache, catalog.freshness)."""

from __future__ import annotations

import re
from datetime import UTC, time, timedelta
from urllib.parse import urlencode

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from creneau.bookings.services import booking_cancel, booking_create
from creneau.catalog.models import StaffRole
from creneau.catalog.schedule_services import time_off_add, working_hours_set
from tests.conftest import paris

pytestmark = pytest.mark.django_db

NOW = paris(2026, 12, 7, 8)  # Monday 08:00 in Paris
TUESDAY = "2026-12-08"
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def alice_slots_url(salon) -> str:
    query = {"service": salon.test_services["cut"].pk, "staff": salon.test_staff[0].pk}
    return (
        reverse("booking:slots", args=[salon.city_slug, salon.slug])
        + "?"
        + urlencode({**query, "date": TUESDAY})
    )


def salon_url(salon) -> str:
    return reverse("web:business_detail", args=[salon.city_slug, salon.slug])


def labels(response) -> list[str]:
    return re.findall(r'class="slot"[^>]*>(\d\d:\d\d)<', response.content.decode())


def without_tokens(content: bytes) -> bytes:
    return TOKEN.sub(b"", content)


def test_a_second_anonymous_visit_is_served_from_the_kept_page_in_one_query(
    client, salon, django_assert_num_queries
):
    url = alice_slots_url(salon)
    first = client.get(url)
    assert "09:00" in labels(first)
    with django_assert_num_queries(1):  # the salon, for its public_version
        second = Client().get(url)
    assert second.status_code == 200
    assert without_tokens(second.content) == without_tokens(first.content)
    assert second.headers["Content-Type"] == "text/html; charset=utf-8"


def test_each_visitor_gets_a_csrf_token_of_their_own_that_works(client, salon, settings):
    url = salon_url(salon)
    client.get(url)
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url)
    tokens = TOKEN.findall(page.content)
    assert tokens and b"csrf-" not in page.content  # no placeholder left
    assert settings.CSRF_COOKIE_NAME in page.cookies  # the token's cookie goes with it
    other = Client().get(url)
    assert TOKEN.findall(other.content)[0] != tokens[0]
    # The language form of the kept page posts with this visitor's token.
    changed = visitor.post(
        reverse("set_language"),
        {"language": "en", "next": url, "csrfmiddlewaretoken": tokens[0].decode()},
    )
    assert changed.status_code == 302


def test_a_booking_takes_its_slot_off_the_kept_page(
    salon, customer, django_capture_on_commit_callbacks
):
    url = alice_slots_url(salon)
    assert "10:00" in labels(Client().get(url))
    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_create(
            customer=customer,
            business=salon,
            services=[salon.test_services["cut"]],
            staff=salon.test_staff[0],
            start=paris(2026, 12, 8, 10),
        )
    assert "10:00" not in labels(Client().get(url))
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booking, actor=customer)
    assert "10:00" in labels(Client().get(url))


def test_blocked_time_and_new_hours_change_the_kept_page(
    salon, make_user, django_capture_on_commit_callbacks
):
    owner = make_user("owner@example.org")
    alice = salon.test_staff[0]
    alice.user, alice.role = owner, StaffRole.OWNER
    alice.save(update_fields=["user", "role"])
    url = alice_slots_url(salon)
    assert "09:00" in labels(Client().get(url))

    with django_capture_on_commit_callbacks(execute=True):
        time_off_add(
            actor=owner,
            business=salon,
            member=alice,
            start=paris(2026, 12, 8, 9).astimezone(UTC),
            end=paris(2026, 12, 8, 11).astimezone(UTC),
        )
    shown = labels(Client().get(url))
    assert "09:00" not in shown and "11:00" in shown

    # Replacing hours is a bulk write (no model signal): the service tells the pages itself.
    with django_capture_on_commit_callbacks(execute=True):
        working_hours_set(
            actor=owner, business=salon, member=alice, hours={1: [(time(14), time(16))]}
        )
    shown = labels(Client().get(url))
    assert shown[0] == "14:00" and "11:00" not in shown


def test_a_logged_in_customer_always_gets_a_page_rendered_for_them(client, salon, customer):
    url = salon_url(salon)
    Client().get(url)  # kept for anonymous visitors
    client.force_login(customer)
    page = client.get(url)
    assert f'action="{reverse("account_logout")}"'.encode() in page.content
    assert page.context is not None  # rendered by the view, not served from the kept page


def test_the_page_is_rendered_again_each_minute(salon, frozen, django_assert_num_queries):
    url = salon_url(salon)
    Client().get(url)
    with django_assert_num_queries(1):
        Client().get(url)
    frozen.shift(timedelta(minutes=1))
    second_minute = Client().get(url)
    assert second_minute.context is not None


def test_language_and_cookie_choice_are_kept_apart(salon, settings):
    url = salon_url(salon)
    french = Client().get(url)
    english_client = Client()
    english_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = english_client.get(url)
    assert 'lang="fr"' in french.content.decode() and 'lang="en"' in english.content.decode()

    # The banner is on the page until a choice is made; the kept page with it is never cached
    # by the browser, and a visitor who chose does not get it.
    assert 'class="consent-banner"' in french.content.decode()
    again = Client().get(url)
    assert 'class="consent-banner"' in again.content.decode()
    assert "no-cache" in again.headers["Cache-Control"]
    chooser = Client()
    chooser.post(
        reverse("privacy:consent_save"),
        {"choice": "refuse_all", "next": "/", "source": "banner"},
    )
    chosen = chooser.get(url)
    assert 'class="consent-banner"' not in chosen.content.decode()
    assert "max-age=60" in chosen.headers["Cache-Control"]


def test_a_message_for_one_visitor_is_not_kept_for_others(client, salon, customer, settings):
    settings.LANGUAGE_CODE = "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = salon_url(salon)
    Client().get(url)
    client.force_login(customer)
    client.post(reverse("account_logout"))  # queues "You have signed out."
    page = client.get(url)
    assert "signed out" in page.content.decode()
    stranger = Client()
    stranger.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "signed out" not in stranger.get(url).content.decode()


def test_turned_off_every_visit_is_rendered(salon, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = alice_slots_url(salon)
    Client().get(url)
    second = Client().get(url)
    assert second.context is not None


def test_who_performs_a_service_moves_the_salon_on_from_either_side(
    salon, django_capture_on_commit_callbacks
):
    cut, alice = salon.test_services["cut"], salon.test_staff[0]
    salon.refresh_from_db()
    first = salon.public_version
    with django_capture_on_commit_callbacks(execute=True):
        cut.staff.remove(alice)
    salon.refresh_from_db()
    second = salon.public_version
    with django_capture_on_commit_callbacks(execute=True):
        alice.services.add(cut)
    salon.refresh_from_db()
    assert first < second < salon.public_version
