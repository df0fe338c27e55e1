"""The salon page shows what a customer needs to choose: services, prices, hours, team."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from creneau.catalog.models import Closure

DASH = "\N{EN DASH}"


def text_of(response) -> str:
    """The page's visible text, tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def page(english_client, salon):
    return english_client.get(salon.get_absolute_url())


def test_its_address_is_under_the_city_and_the_slug(salon):
    assert salon.get_absolute_url() == "/salons/paris/salon-elea/"
    assert reverse("web:business_detail", args=["paris", "salon-elea"]) == salon.get_absolute_url()


def test_it_shows_the_name_address_and_phone(page):
    text = text_of(page)
    assert "Salon Éléa" in text
    assert "12 rue de la Roquette 75011 Paris" in text
    assert 'href="tel:+33143550101"' in page.content.decode()


def test_it_groups_services_by_category_with_duration_and_price(page):
    text = text_of(page)
    assert "Coupes femme Shampoing, coupe, brushing 45 min €42" in text
    assert "Couleur Balayage 2 h 30 €119.50" in text
    # Services without a heading come last, and a price of zero reads as free.
    assert "Other services Diagnostic capillaire 15 min Free" in text
    assert text.index("Coupes femme") < text.index("Couleur") < text.index("Other services")


def test_it_hides_services_that_cannot_be_booked(page):
    assert "Coupe retirée" not in text_of(page)


def test_it_lists_the_active_team_only(page):
    text = text_of(page)
    assert "Chloé" in text and "Karim" in text
    assert "Ancien" not in text


def test_the_opening_hours_merge_the_team_and_keep_the_lunch_break(page):
    text = text_of(page)
    assert f"Tuesday 09:00{DASH}12:30 , 13:30{DASH}20:00" in text
    assert f"Saturday 09:00{DASH}18:00" in text
    assert "Monday Closed" in text
    assert "Sunday Closed" in text


@time_machine.travel("2026-12-01 10:00 +01:00", tick=False)
def test_it_announces_closures_of_the_next_three_months(english_client, salon):
    Closure.objects.create(
        business=salon, start_date=date(2026, 12, 24), end_date=date(2027, 1, 2), label="Fêtes"
    )
    Closure.objects.create(
        business=salon, start_date=date(2026, 11, 1), end_date=date(2026, 11, 1), label="Passée"
    )
    Closure.objects.create(
        business=salon, start_date=date(2027, 8, 1), end_date=date(2027, 8, 20), label="Été"
    )
    text = text_of(english_client.get(salon.get_absolute_url()))
    # One date style in English too (not "Dec. 24, 2026" beside "29/03/2027").
    assert "Closed from 24 December 2026 to 2 January 2027 (Fêtes)" in text
    assert "Passée" not in text and "Été" not in text


def test_the_title_description_and_canonical_link_describe_the_salon(page):
    html = page.content.decode()
    assert "<title>Salon Éléa, Paris · Créneau</title>" in html
    assert '<meta name="description" content="Coiffure mixte près de la Bastille.">' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/salons/paris/salon-elea/">' in html


def test_without_a_description_the_meta_description_is_written_for_it(english_client, salon):
    salon.description = ""
    salon.save(update_fields=["description"])
    html = english_client.get(salon.get_absolute_url()).content.decode()
    assert '<meta name="description" content="Salon Éléa, Hair salon in Paris: 3 services' in html


def test_an_old_city_in_the_address_redirects_permanently_to_the_right_one(client, salon):
    response = client.get("/salons/lyon/salon-elea/")
    assert response.status_code == 301
    assert response.headers["Location"] == "/salons/paris/salon-elea/"


def test_the_page_is_served_in_nine_queries(client, salon, django_assert_num_queries):
    # Six for the salon (the last its photos), three for its next free times
    # (bookings.availability).
    with django_assert_num_queries(9):
        assert client.get(salon.get_absolute_url()).status_code == 200


def test_each_service_links_to_its_booking_page(page, salon):
    html = page.content.decode()
    balayage = salon.services.get(name="Balayage")
    assert f'href="/salons/paris/salon-elea/book/?service={balayage.pk}"' in html
    assert 'id="book-now" href="/salons/paris/salon-elea/book/"' in html
