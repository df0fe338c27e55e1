"""The free times a results card shows come from the availability summary; for a random
sample of salons, days (one of them the autumn daylight-saving change) and times of day they
are exactly the first ones the salon's own slot page offers for the same service, with or
without a service filter."""

from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime, timedelta
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import time_machine

from creneau.bookings.availability import salon_offer
from creneau.bookings.models import DayPeriod
from creneau.bookings.summary import (
    availability_summary_refresh,
    available_salons_refine,
    day_period,
    next_free,
    reference_service,
    summary_services,
)
from creneau.catalog.demo import demo_catalog_create
from creneau.catalog.models import Business
from creneau.catalog.search import salon_search

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


def test_with_a_service_filter_they_are_those_of_that_service(db, client):
    """Narrowed to a usual service ("balayage", "massage"...), a card's free times are those
    of the salon's own service of that name, not of its shortest one."""
    demo_catalog_create(salons=30, seed=12, today=TODAY)
    salons = list(Business.objects.order_by("pk"))
    rng = random.Random(2027)
    compared = differs = 0
    with time_machine.travel(NOW, tick=False):
        for business in salons:
            availability_summary_refresh(business=business, now=NOW)
        cases = [
            (rng.choice(salons), TODAY + timedelta(days=rng.randrange(6))) for _ in range(SAMPLES)
        ]
        cases += [(business, date(2026, 10, 25)) for business in salons[:6]]
        for business, day in cases:
            chosen = summary_services(business, salon_offer(business))
            keys = sorted(key for key in chosen if key)
            if not keys:
                continue
            key = rng.choice(keys)
            service = chosen[key]
            differs += service.pk != chosen[""].pk
            found = salon_search(line=business.name, city_slug=business.city_slug, service=key)
            assert business.pk in {b.pk for b in found.page.object_list}, (business.slug, key)
            offered = _slot_page_starts(client, business, service.pk, day)
            for period in DayPeriod.values:
                refine = available_salons_refine(now=NOW, day=day, period=period, service=key)
                row = refine(Business.objects.filter(pk=business.pk)).first()
                summary = next_free(row, now=NOW) if row is not None else None
                expected = [s for s in offered if day_period(s.astimezone(PARIS)) == period][:3]
                assert (summary.starts if summary else []) == expected, (business.slug, key, day)
                if summary is not None:
                    assert summary.service_id == service.pk
                compared += bool(expected)
    assert compared >= SAMPLES // 2
    # The sample is a test of the filter only if its services are not the shortest ones.
    assert differs >= SAMPLES // 2
