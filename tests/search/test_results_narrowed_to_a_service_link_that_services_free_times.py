"""The results form offers the usual services; narrowed to one, the page keeps the salons that
sell it and each card's free times link to the review step of the salon's own service of that
name, not of its shortest service."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import parse_qs, unquote, urlparse

import time_machine
from django.urls import reverse

from creneau.bookings.availability import salon_offer
from creneau.bookings.summary import availability_summary_refresh, summary_services
from creneau.catalog.demo import demo_catalog_create
from creneau.catalog.models import Business, Service
from creneau.catalog.search import typed_usual_service
from creneau.catalog.services import business_reindex

NOW = datetime(2026, 10, 20, 6, 0, tzinfo=UTC)


def test_a_balayage_search_links_each_salons_balayage(english_client, db):
    demo_catalog_create(salons=24, seed=4, today=NOW.date())
    with time_machine.travel(NOW, tick=False):
        for business in Business.objects.all():
            availability_summary_refresh(business=business, now=NOW)
        html = english_client.get(
            reverse("web:search"), {"category": "hair", "service": "balayage"}
        ).content.decode()
        expected = {
            business.slug: summary_services(business, salon_offer(business)).get("balayage")
            for business in Business.objects.filter(category="hair")
        }
    assert '<option value="balayage" selected>Balayage</option>' in html
    links = re.findall(r'<a class="slot" href="([^"]+)"', html)
    assert links
    for link in links:
        url = urlparse(unquote(link).replace("&amp;", "&"))
        slug = url.path.strip("/").split("/")[2]
        service = Service.objects.get(pk=parse_qs(url.query)["service"][0])
        assert expected[slug] is not None and service.pk == expected[slug].pk
        assert "balayage" in service.name.lower()


def test_a_line_that_names_a_usual_service_narrows_to_it_as_the_field_would(english_client, db):
    demo_catalog_create(salons=24, seed=4, today=NOW.date())
    with time_machine.travel(NOW, tick=False):
        for business in Business.objects.all():
            availability_summary_refresh(business=business, now=NOW)
        typed = english_client.get(reverse("web:search"), {"q": "coiffeur balayage"})
        chosen = english_client.get(
            reverse("web:search"), {"q": "coiffeur balayage", "service": "balayage"}
        )
        plain = english_client.get(reverse("web:search"), {"q": "coiffeur"})
    html = typed.content.decode()
    assert '<option value="balayage" selected>Balayage</option>' in html
    slots = re.findall(r'<a class="slot" href="([^"]+)"', html)
    assert slots and slots == re.findall(r'<a class="slot" href="([^"]+)"', chosen.content.decode())
    assert 'value="balayage" selected' not in plain.content.decode()
    # Named in the line only, the further filters stay folded: the results come first.
    assert '<details class="more-filters">' in html
    assert '<details class="more-filters" open>' in chosen.content.decode()


def test_a_line_with_more_than_a_service_or_another_types_service_is_left_alone(salon):
    business_reindex(business_ids=[salon.pk])  # Paris becomes a place the search knows
    assert typed_usual_service("balayage paris") == "balayage"
    assert typed_usual_service("Coupe homme 75011") == "coupe homme"
    assert typed_usual_service("barbier rasage") == "rasage"
    assert typed_usual_service("barbier balayage") == ""  # barbers have no usual balayage
    assert typed_usual_service("balayage blond") == ""
    assert typed_usual_service("manucure lyon") == ""  # a type, not a narrowing


def test_an_alternative_search_keeps_the_service_chosen_in_the_field(english_client, db):
    demo_catalog_create(salons=24, seed=4, today=NOW.date())
    hair = Business.objects.filter(category="hair").first()
    with time_machine.travel(NOW, tick=False):
        response = english_client.get(
            reverse("web:search"),
            {"q": f"coiffeur zzzzqx {hair.city}", "service": "balayage"},
        )
    links = [alternative["url"] for alternative in response.context["alternatives"]]
    assert links
    for link in links:
        assert parse_qs(urlparse(link).query)["service"] == ["balayage"]
