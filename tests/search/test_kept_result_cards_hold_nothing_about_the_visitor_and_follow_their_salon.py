"""Results cards are rendered once and reused (web.catalog_views.result_cards, the "fragments"
cache): a kept card holds only what its salon publishes, never anything about the visitor who
first saw it, and a change to the salon (its name, its hours, a booking that takes a time the
card shows) is on the very next page."""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, datetime
from urllib.parse import unquote

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from creneau.bookings.errors import SlotTaken, SlotUnavailable
from creneau.bookings.services import booking_create
from creneau.bookings.summary import availability_summary_refresh, reference_service
from creneau.catalog.demo import demo_catalog_create
from creneau.catalog.models import Business, WorkingHours
from creneau.catalog.services import business_save

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 10, 20, 6, 0, tzinfo=UTC)
SEARCH = "/salons/?sort=soonest"
CARD = re.compile(r'<li class="card result".*?</li>', re.S)
SLOT = re.compile(r'<a class="slot" href="[^"]*start=([^"&]+)"')


@pytest.fixture
def salons():
    demo_catalog_create(salons=12, seed=3, today=NOW.date())
    caches["fragments"].clear()
    with time_machine.travel(NOW, tick=False) as traveller:
        for business in Business.objects.all():
            availability_summary_refresh(business=business, now=NOW)
        yield traveller


def kept_fragments(kind: str = "") -> list[str]:
    # Every entry of the process-local cache's store: what any later visitor could be served.
    cache = caches["fragments"]
    keys = [key.split(":", 2)[2] for key in cache._cache]  # type: ignore[attr-defined]
    return [cache.get(key) for key in keys if key.startswith(kind)]


def card_of(page: str, business: Business) -> str:
    url = business.get_absolute_url()
    found = [card for card in CARD.findall(page) if f'data-url="{url}"' in card]
    assert len(found) == 1, business.slug
    return found[0]


def first_card_with_times(page: str) -> tuple[Business, list[str]]:
    for card in CARD.findall(page):
        times = SLOT.findall(card)
        if times:
            slug = re.search(r'data-url="/salons/[^/]+/([^/]+)/"', card).group(1)
            return Business.objects.get(slug=slug), times
    raise AssertionError("no card shows free times")


def test_a_kept_card_holds_nothing_about_the_logged_in_visitor_who_first_saw_it(
    salons, client, make_user
):
    visitor = make_user(
        "zephyrine.quillard@example.org",
        first_name="Zéphyrine",
        last_name="Quillard",
        phone="+33611223344",
    )
    client.force_login(visitor)
    theirs = client.get(SEARCH).content.decode()
    assert f'action="{reverse("account_logout")}"' in theirs
    assert len(kept_fragments("card:")) == len(CARD.findall(theirs)) > 0
    for fragment in kept_fragments():  # the cards and the search form
        for personal in ("Zéphyrine", "Quillard", "zephyrine", "33611223344", "csrf"):
            assert personal not in fragment
    # Another visitor is served the very same cards, around their own header.
    stranger = Client().get(SEARCH).content.decode()
    assert CARD.findall(stranger) == CARD.findall(theirs)
    assert "Quillard" not in stranger and "zephyrine" not in stranger


def test_a_card_kept_in_one_language_is_not_served_in_the_other(salons, client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(SEARCH).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = client.get(SEARCH).content.decode()
    assert "Free on" in english and "Free on" not in french
    assert len(kept_fragments("card:")) == 2 * len(CARD.findall(english))


def test_a_renamed_salon_shows_its_new_name_on_the_next_page(
    salons, client, customer, django_capture_on_commit_callbacks
):
    client.force_login(customer)  # a logged-in visitor: no kept page, only kept cards
    page = client.get(SEARCH).content.decode()
    business, _times = first_card_with_times(page)
    old_name = business.name
    with django_capture_on_commit_callbacks(execute=True):
        business.name = "Maison Ydrel"
        business_save(business=business)
    again = client.get(SEARCH).content.decode()
    assert "Maison Ydrel" in card_of(again, business)
    assert f">{old_name}<" not in card_of(again, business)


def test_changed_hours_show_on_the_next_page_once_the_summary_is_refreshed(
    salons, client, customer, django_capture_on_commit_callbacks
):
    client.force_login(customer)
    business, times = first_card_with_times(client.get(SEARCH).content.decode())
    first = datetime.fromisoformat(unquote(times[0]))
    weekday = timezone.localtime(first).weekday()
    with django_capture_on_commit_callbacks(execute=True):
        for hours in WorkingHours.objects.filter(staff__business=business, weekday=weekday):
            hours.delete()  # nobody works that day any more
    # As the clock does, from the salon as it now is (its offer is read by public_version).
    availability_summary_refresh(business=Business.objects.get(pk=business.pk), now=NOW)
    card = card_of(client.get(SEARCH).content.decode(), business)
    assert times[0] not in SLOT.findall(card)


def test_a_booking_that_takes_a_shown_time_removes_it_from_the_next_page(
    salons, client, customer, django_capture_on_commit_callbacks
):
    client.force_login(customer)
    business, times = first_card_with_times(client.get(SEARCH).content.decode())
    start = datetime.fromisoformat(unquote(times[0]))
    service = reference_service(business)
    # Every staff member who performs the service is booked then: the time is nobody's.
    with django_capture_on_commit_callbacks(execute=True):
        for staff in service.staff.filter(is_active=True):
            with contextlib.suppress(SlotTaken, SlotUnavailable):  # not free then anyway
                booking_create(
                    customer=customer,
                    business=business,
                    services=[service],
                    start=start,
                    staff=staff,
                    now=NOW,
                )
    availability_summary_refresh(business=Business.objects.get(pk=business.pk), now=NOW)
    card = card_of(client.get(SEARCH).content.decode(), business)
    assert times[0] not in SLOT.findall(card)
