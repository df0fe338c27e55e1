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
