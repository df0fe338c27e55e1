"""Each salon's availability summary: its first free starts per local day and time of day.

The search results cannot run the slot engine for every matching salon, so this works it out
ahead, salon by salon, for `SUMMARY_DAYS` days (or the salon's booking horizon if shorter),
for its reference service (the shortest bookable one, with anyone). It is refreshed when the
salon's `public_version` changes (catalog.freshness: hours, services, staff, closures,
bookings) and as time passes (the clock job), and is never trusted for booking: the slot page
computes the day again and the booking re-checks the slot.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Exists, F, JSONField, OuterRef, Q, QuerySet, Subquery

from creneau.bookings.availability import availability_for, salon_offer
from creneau.bookings.models import AvailabilitySummary, AvailabilitySummaryState, DayPeriod
from creneau.catalog.freshness import search_pages_changed
from creneau.catalog.models import Business, Service

SUMMARY_DAYS = 14
STARTS_KEPT = 3
# A summary older than this is worked out again even if the salon did not change: starts
# pass, and the minimum notice moves the first bookable one.
MAX_AGE = timedelta(minutes=30)
REFRESH_BATCH = 200

_NOON = time(12, 0)
_EVENING = time(18, 0)


def day_period(local: datetime) -> str:
    """The time of day of a local start: morning before noon, evening from 18:00."""
    clock = local.time()
    if clock < _NOON:
        return DayPeriod.MORNING
    return DayPeriod.AFTERNOON if clock < _EVENING else DayPeriod.EVENING


def reference_service(business: Business) -> Service | None:
    """The service the summary is worked out for: the shortest bookable one someone does."""
    offer = salon_offer(business)
    candidates = [s for s in offer.services.values() if offer.eligible([s])]
    if not candidates:
        return None
    return min(candidates, key=lambda s: (s.duration_minutes + s.buffer_minutes, s.position, s.pk))


def availability_summary_refresh(*, business: Business, now: datetime) -> int:
    """Work out one salon's summary again; return the number of (day, period) rows kept."""
    tz = ZoneInfo(business.timezone)
    first_day = now.astimezone(tz).date()
    last_day = first_day + timedelta(days=min(SUMMARY_DAYS, business.horizon_days) - 1)
    service = reference_service(business)
    rows: list[AvailabilitySummary] = []
    if service is not None:
        availability = availability_for(
            business=business,
            services=[service],
            start_date=first_day,
            end_date=last_day,
            now=now,
            offer=salon_offer(business),
        )
        grouped: dict[tuple[date, str], list[datetime]] = defaultdict(list)
        for start in availability.starts():
            local = start.astimezone(tz)
            grouped[(local.date(), day_period(local))].append(start)
        rows = [
            AvailabilitySummary(
                business=business,
                service=service,
                day=day,
                period=period,
                first_start=starts[0],
                starts=[s.isoformat() for s in starts[:STARTS_KEPT]],
                free_count=len(starts),
            )
            for (day, period), starts in sorted(grouped.items())
        ]
    _write(business, rows, now)
    return len(rows)


def _write(business: Business, rows: list[AvailabilitySummary], now: datetime) -> None:
    """Replace the salon's rows with `rows`, writing only what changed: after one booking,
    usually one row."""
    existing = {
        (day, period): (pk, service_id, first_start, starts, free_count)
        for pk, day, period, service_id, first_start, starts, free_count in (
            AvailabilitySummary.objects.filter(business=business).values_list(
                "pk", "day", "period", "service_id", "first_start", "starts", "free_count"
            )
        )
    }
    created: list[AvailabilitySummary] = []
    changed = False
    with transaction.atomic():
        for row in rows:
            old = existing.pop((row.day, row.period), None)
            if old is None:
                created.append(row)
            elif old[1:] != (row.service_id, row.first_start, row.starts, row.free_count):
                changed = True
                AvailabilitySummary.objects.filter(pk=old[0]).update(
                    service_id=row.service_id,
                    first_start=row.first_start,
                    starts=row.starts,
                    free_count=row.free_count,
                )
        if existing:
            AvailabilitySummary.objects.filter(
                pk__in=[old[0] for old in existing.values()]
            ).delete()
        if created:
            AvailabilitySummary.objects.bulk_create(created)
        if changed or existing or created:
            # The free times search cards show moved: kept results pages are out of date.
            search_pages_changed()
        state = {"version": business.public_version, "computed_at": now}
        if not AvailabilitySummaryState.objects.filter(business=business).update(**state):
            AvailabilitySummaryState.objects.create(business=business, **state)


def stale_salons(*, now: datetime) -> QuerySet[Business]:
    """Published salons whose summary is missing, older than `MAX_AGE`, or of an older
    version of the salon."""
    state = AvailabilitySummaryState.objects.filter(business=OuterRef("pk"))
    return (
        Business.objects.filter(is_active=True)
        .annotate(
            summary_version=Subquery(state.values("version")[:1]),
            summary_at=Subquery(state.values("computed_at")[:1]),
        )
        .filter(
            Q(summary_version__isnull=True)
            | Q(summary_at__lt=now - MAX_AGE)
            | ~Q(summary_version=F("public_version"))
        )
        .order_by("summary_at", "pk")
    )


def availability_summaries_refresh_due(*, now: datetime, limit: int = REFRESH_BATCH) -> int:
    """The clock's job: refresh up to `limit` stale summaries, the oldest first."""
    done = 0
    for business in stale_salons(now=now)[:limit]:
        availability_summary_refresh(business=business, now=now)
        done += 1
    return done


@dataclass(frozen=True)
class NextFree:
    service_id: int
    starts: list[datetime]


def summaries_for(
    *, business_ids: list[int], now: datetime, day: date | None = None, period: str = ""
) -> dict[int, NextFree]:
    """The next free starts (UTC, after `now`, at most three) of each salon, from the summary:
    on `day` and in `period` when given, else the soonest ones. One query."""
    rows = AvailabilitySummary.objects.filter(
        business_id__in=business_ids, day__gte=(now - timedelta(days=1)).date()
    )
    if day is not None:
        rows = rows.filter(day=day)
    if period:
        rows = rows.filter(period=period)
    found: dict[int, NextFree] = {}
    for business_id, service_id, starts in rows.order_by("business_id", "first_start").values_list(
        "business_id", "service_id", "starts"
    ):
        kept = found.setdefault(business_id, NextFree(service_id=service_id, starts=[])).starts
        for start in starts:
            moment = datetime.fromisoformat(start)
            if moment >= now and len(kept) < STARTS_KEPT:
                kept.append(moment)
    return {pk: entry for pk, entry in found.items() if entry.starts}


def available_salons_refine(
    *, now: datetime, day: date | None = None, period: str = "", soonest_first: bool = False
) -> Callable[[QuerySet[Business]], QuerySet[Business]]:
    """A refinement of the catalogue's search, from the summary only: each salon carries
    `next_starts` (its first free starts of one day and period, ISO UTC, at most three) and
    `next_service` (the service they are for); with `day` or `period`, only salons free then
    are kept; `soonest_first` orders by the first free start. Adds no query: subqueries of
    the search's own."""

    def refine(salons: QuerySet[Business]) -> QuerySet[Business]:
        rows = AvailabilitySummary.objects.filter(first_start__gte=now)
        if day is not None:
            rows = rows.filter(day=day)
        if period:
            rows = rows.filter(period=period)
        first = rows.filter(business=OuterRef("pk")).order_by("first_start")
        if day is not None or period:
            # Per matching salon, a lookup in the (salon, day, period) unique index: cheaper
            # than listing every salon free that day first.
            salons = salons.filter(Exists(first))
        salons = salons.annotate(
            next_starts=Subquery(first.values("starts")[:1], output_field=JSONField()),
            next_service=Subquery(first.values("service_id")[:1]),
        )
        if soonest_first:
            salons = salons.annotate(soonest=Subquery(first.values("first_start")[:1])).order_by(
                F("soonest").asc(nulls_last=True), "search_name", "pk"
            )
        return salons

    return refine


def next_free(business: Business, *, now: datetime) -> NextFree | None:
    """The next free starts a salon of a refined search carries, the past ones left out."""
    raw = getattr(business, "next_starts", None)
    if isinstance(raw, str):  # some backends hand a JSON subquery back undecoded
        raw = json.loads(raw)
    if not raw:
        return None
    starts = [moment for moment in map(datetime.fromisoformat, raw) if moment >= now]
    if not starts:
        return None
    service_id: int = business.next_service  # type: ignore[attr-defined]  # the refine's annotation
    return NextFree(service_id=service_id, starts=starts)
