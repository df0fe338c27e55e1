"""The free times a results card shows come from the availability summary; for a random
sample of salons, days (one of them the autumn daylight-saving change) and times of day they
are exactly the first ones the salon's own slot page offers for the same service."""

from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime, timedelta
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import time_machine

from creneau.bookings.models import DayPeriod
from creneau.bookings.summary import (
    availability_summary_refresh,
    available_salons_refine,
    day_period,
    next_free,
    reference_service,
)
from creneau.catalog.demo import demo_catalog_create
from creneau.catalog.models import Business

PARIS = ZoneInfo("Europe/Paris")
TODAY = date(2026, 10, 23)  # two days before clocks go back in France (25 October 2026)
NOW = datetime(2026, 10, 23, 8, 20, tzinfo=UTC)
SAMPLES = 40


def _slot_page_starts(client, business: Business, service_id: int, day: date) -> list[datetime]:
    url = f"/salons/{business.city_slug}/{business.slug}/book/"
    html = client.get(url, {"service": service_id, "date": day.isoformat()}).content.decode()
    return [datetime.fromisoformat(unquote(s)) for s in re.findall(r"start=([^\"&]+)", html)]


def test_summary_times_equal_the_slot_page_for_a_random_sample(db, client):
    demo_catalog_create(salons=30, seed=11, today=TODAY)
    salons = list(Business.objects.order_by("pk"))
    rng = random.Random(2026)
    compared = 0
    with time_machine.travel(NOW, tick=False):
        for business in salons:
            availability_summary_refresh(business=business, now=NOW)
        cases = [
            (rng.choice(salons), TODAY + timedelta(days=rng.randrange(6))) for _ in range(SAMPLES)
        ]
        cases += [(business, date(2026, 10, 25)) for business in salons[:6]]
        for business, day in cases:
            service = reference_service(business)
            if service is None:
                continue
            offered = _slot_page_starts(client, business, service.pk, day)
            for period in DayPeriod.values:
                refine = available_salons_refine(now=NOW, day=day, period=period)
                row = refine(Business.objects.filter(pk=business.pk)).first()
                summary = next_free(row, now=NOW) if row is not None else None
                expected = [s for s in offered if day_period(s.astimezone(PARIS)) == period][:3]
                assert (summary.starts if summary else []) == expected, (business.slug, day, period)
                if summary is not None:
                    assert summary.service_id == service.pk
                compared += bool(expected)
    assert compared >= SAMPLES  # most sampled days have free times to compare
