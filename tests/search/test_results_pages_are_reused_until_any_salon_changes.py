"""Rendered search results pages are reused for anonymous visitors while no salon's public
data changed (web.page_cache.search_page, catalog.freshness.search_version)."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from creneau.catalog.models import Business
from creneau.catalog.services import business_save

pytestmark = pytest.mark.django_db

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
SEARCH = "/salons/?q=coiffeur+paris"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-10-19 07:30Z", tick=False) as traveller:
        yield traveller


def without_tokens(content: bytes) -> bytes:
    return TOKEN.sub(b"", content)


@pytest.mark.parametrize("url", [SEARCH, "/salons/paris/"])
def test_a_second_anonymous_visit_is_served_from_the_kept_page(
    catalogue, url, django_assert_num_queries
):
    first = Client().get(url)
    assert first.status_code == 200 and first.context is not None
    with django_assert_num_queries(1):  # the search-wide version
        second = Client().get(url)
    assert second.context is None  # not rendered
    assert without_tokens(second.content) == without_tokens(first.content)
    assert b'class="card result"' in second.content


def test_a_salon_change_makes_the_next_request_render_again(
    catalogue, django_capture_on_commit_callbacks
):
    first = Client().get(SEARCH)
    salon = first.context["results"][0]
    with django_capture_on_commit_callbacks(execute=True):
        salon.address = "99 rue Zéphyr"
        business_save(business=salon)
    again = Client().get(SEARCH)
    assert again.context is not None
    assert "99 rue Zéphyr" in again.content.decode()


def test_a_logged_in_visitor_always_gets_their_own_rendering(client, catalogue, customer):
    Client().get(SEARCH)
    client.force_login(customer)
    page = client.get(SEARCH)
    assert page.context is not None
    assert f'action="{reverse("account_logout")}"'.encode() in page.content


def test_each_response_carries_its_own_csrf_token(catalogue):
    Client().get(SEARCH)
    one, two = Client().get(SEARCH), Client().get(SEARCH)
    assert one.context is None and two.context is None
    first, second = TOKEN.findall(one.content), TOKEN.findall(two.content)
    assert first and second and first[0] != second[0]
    assert b"csrf-" not in one.content


def test_a_search_around_the_visitor_s_position_is_never_kept(catalogue):
    url = f"{SEARCH}&near=48.8566,2.3522"
    Client().get(url)
    assert Client().get(url).context is not None


def test_a_search_remembered_for_the_visitor_is_rendered_for_them(catalogue):
    visitor = Client()
    visitor.post(
        reverse("privacy:consent_save"), {"choice": "accept_all", "next": "/", "source": "banner"}
    )
    url = "/salons/?where=Paris&category=hair"
    visitor.get(url)
    page = visitor.get(url)
    assert page.context is not None


def test_a_rewritten_availability_summary_moves_the_search_version(
    catalogue, django_capture_on_commit_callbacks
):
    from creneau.bookings.summary import availability_summary_refresh
    from creneau.catalog.freshness import search_version

    salon = Business.objects.filter(service_count__gt=0).first()
    before = search_version()
    with django_capture_on_commit_callbacks(execute=True):
        availability_summary_refresh(business=salon, now=timezone.now())
    assert search_version() > before


def test_a_preference_cookie_left_after_a_refusal_is_still_removed(catalogue, settings):
    url = "/salons/?where=Paris&category=hair"
    Client().get(url)  # kept
    visitor = Client()
    visitor.cookies[settings.SEARCH_PREFERENCES_COOKIE_NAME] = "left-from-before"
    page = visitor.get(url)
    assert page.context is not None
    assert page.cookies[settings.SEARCH_PREFERENCES_COOKIE_NAME]["max-age"] == 0
