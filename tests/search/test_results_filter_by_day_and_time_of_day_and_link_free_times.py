"""The results page's day and time-of-day filters read the availability summary; each card
shows up to three free times, each a link to the review step, and sorting by the soonest."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import time_machine
from django.urls import reverse

from creneau.bookings.summary import availability_summary_refresh
from creneau.catalog.demo import demo_catalog_create
from creneau.catalog.models import Business

NOW = datetime(2026, 10, 20, 6, 0, tzinfo=UTC)


def test_a_day_and_time_filter_keeps_salons_free_then_with_links_to_review(english_client, db):
    demo_catalog_create(salons=16, seed=3, today=NOW.date())
    with time_machine.travel(NOW, tick=False):
        for business in Business.objects.all():
            availability_summary_refresh(business=business, now=NOW)
        everyone = english_client.get(reverse("web:search"), {}).content.decode()
        evening = english_client.get(
            reverse("web:search"), {"day": "2026-10-20", "period": "evening"}
        ).content.decode()
        morning = english_client.get(
            reverse("web:search"), {"day": "today", "period": "morning"}
        ).content.decode()
    names = re.compile(r'<h2 class="result-name"><a href="[^"]+">([^<]+)</a>')
    assert len(names.findall(morning)) > 0
    assert len(names.findall(evening)) < len(names.findall(everyone))
    links = re.findall(r'<a class="slot" href="([^"]+)"', morning)
    assert links and all("/book/review/?service=" in link for link in links)
    times = re.findall(r'<a class="slot" href="[^"]+" rel="nofollow">(\d\d):\d\d</a>', morning)
    assert times and all(int(hour) < 12 for hour in times)


def test_a_day_that_is_not_a_date_is_reported(english_client, db):
    response = english_client.get(reverse("web:search"), {"day": "someday"})
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
