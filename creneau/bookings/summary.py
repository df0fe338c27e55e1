"""Each salon's availability summary: its first free starts per local day and time of day.

The search results cannot run the slot engine for every matching salon, so this works it out
ahead, salon by salon, for `SUMMARY_DAYS` days (or the salon's booking horizon if shorter),
for its reference service (the shortest bookable one, with anyone) and for each usual service
of its type that the search can be narrowed to (`catalog.lexicon.USUAL_SERVICES`: the salon's
shortest service of that name), so a search for "balayage" shows when a balayage fits, not a
fringe trim. It is refreshed when the salon's `public_version` changes (catalog.freshness:
hours, services, staff, closures, bookings) and as time passes (the clock job): after
bookings alone, only the days they touched. It is never trusted for booking: the slot page
computes the day again and the booking re-checks the slot.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Exists, F, JSONField, OuterRef, Q, QuerySet, Subquery

from creneau.bookings.availability import SalonOffer, business_policy, salon_offer
from creneau.bookings.models import (
    AvailabilitySummary,
    AvailabilitySummaryChange,
    AvailabilitySummaryState,
    DayPeriod,
)
from creneau.bookings.schedule import schedule_load
from creneau.catalog import lexicon
from creneau.catalog.freshness import search_pages_changed
from creneau.catalog.models import Business, Service
from creneau.catalog.text import normalise
from creneau.scheduling.engine import ServiceSpec, StaffSchedule, free_starts_anyone

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


def _length(service: Service) -> tuple[int, int, int]:
    return (service.duration_minutes + service.buffer_minutes, service.position, service.pk)


def reference_service(business: Business) -> Service | None:
    """The service the summary is worked out for: the shortest bookable one someone does."""
    return summary_services(business, salon_offer(business)).get("")


def summary_services(business: Business, offer: SalonOffer) -> dict[str, Service]:
    """The services the summary is worked out for, by service filter: "" for the reference
    service (the shortest bookable one someone does), and for each usual service of the
    salon's type (`lexicon.USUAL_SERVICES`) the shortest bookable one whose name holds its
    words, when the salon has one."""
    candidates = sorted((s for s in offer.services.values() if offer.eligible([s])), key=_length)
    if not candidates:
        return {}
    chosen: dict[str, Service] = {"": candidates[0]}
    names = [(set(normalise(s.name).split()), s) for s in candidates]
    for key in lexicon.USUAL_SERVICES.get(business.category, ()):
        words = set(key.split())
        found = next((service for held, service in names if words <= held), None)
        if found is not None:
            chosen[key] = found
    return chosen


def _local_days(business: Business, now: datetime) -> tuple[date, date]:
    first_day = now.astimezone(ZoneInfo(business.timezone)).date()
    return first_day, first_day + timedelta(days=min(SUMMARY_DAYS, business.horizon_days) - 1)


def availability_summary_refresh(
    *, business: Business, now: datetime, days: Collection[date] | None = None
) -> int:
    """Work out one salon's summary again, or only its `days` (local dates; those outside
    the summary's range are ignored); return the number of rows worked out.

    The services that share a length and performers share one run of the engine, and all
    of them one load of the schedule (two queries, none more per service); only the rows
    that changed are written, in one statement per kind of write."""
    tz = ZoneInfo(business.timezone)
    first_day, last_day = _local_days(business, now)
    if days is not None:
        wanted = sorted(d for d in days if first_day <= d <= last_day)
        if not wanted:
            return 0
        first_day, last_day = wanted[0], wanted[-1]
    offer = salon_offer(business)
    services = summary_services(business, offer)
    rows: list[AvailabilitySummary] = []
    if services:
        performers = {key: offer.eligible([service]) for key, service in services.items()}
        staff_ids = {member.pk for members in performers.values() for member in members}
        hours = {pk: offer.hours[pk] for pk in staff_ids if pk in offer.hours}
        schedule = (
            schedule_load(
                business=business,
                staff_ids=hours,
                first_day=first_day,
                last_day=last_day,
                hours=hours,
                bookings=True,
            )
            if hours
            else None
        )
        closures = schedule.closure_intervals() if schedule is not None else []
        policy = business_policy(business)

        def free(service: Service, ids: tuple[int, ...]) -> list[datetime]:
            """One run of the engine: the starts at which one of `ids` can do `service`."""
            if not ids or schedule is None:
                return []
            staff = [
                StaffSchedule(staff_id=pk, weekly_hours=hours[pk], busy=schedule.busy(pk))
                for pk in ids
            ]
            found = free_starts_anyone(
                staff=staff,
                services=[ServiceSpec(service.duration_minutes, service.buffer_minutes)],
                start_date=first_day,
                end_date=last_day,
                tz=tz,
                policy=policy,
                now=now,
                closures=closures,
            )
            return [start for start, _ids in found]

        runs: dict[tuple[int, int, tuple[int, ...]], list[datetime]] = {}
        for key, service in services.items():
            ids = tuple(sorted(m.pk for m in performers[key] if m.pk in hours))
            run = (service.duration_minutes, service.buffer_minutes, ids)
            if run not in runs:
                runs[run] = free(service, ids)
            grouped: dict[tuple[date, str], list[datetime]] = defaultdict(list)
            for start in runs[run]:
                local = start.astimezone(tz)
                grouped[(local.date(), day_period(local))].append(start)
            rows.extend(
                AvailabilitySummary(
                    business=business,
                    service=service,
                    service_key=key,
                    day=day,
                    period=period,
                    first_start=starts[0],
                    starts=[s.isoformat() for s in starts[:STARTS_KEPT]],
                    free_count=len(starts),
                )
                for (day, period), starts in sorted(grouped.items())
            )
    _write(business, rows, now, None if days is None else (first_day, last_day))
    return len(rows)


def _write(
    business: Business,
    rows: list[AvailabilitySummary],
    now: datetime,
    days: tuple[date, date] | None,
) -> None:
    """Replace the salon's rows (of `days`, first and last, when given) with `rows`, writing
    only what changed: after one booking, usually one row."""
    mine = AvailabilitySummary.objects.filter(business=business)
    if days is not None:
        mine = mine.filter(day__gte=days[0], day__lte=days[1])
    existing = {
        (key, day, period): (pk, service_id, first_start, starts, free_count)
        for pk, key, day, period, service_id, first_start, starts, free_count in mine.values_list(
            "pk",
            "service_key",
            "day",
            "period",
            "service_id",
            "first_start",
            "starts",
            "free_count",
        )
    }
    created: list[AvailabilitySummary] = []
    updated: list[AvailabilitySummary] = []
    for row in rows:
        old = existing.pop((row.service_key, row.day, row.period), None)
        if old is None:
            created.append(row)
        elif old[1:] != (row.service_id, row.first_start, row.starts, row.free_count):
            row.pk = old[0]
            updated.append(row)
    with transaction.atomic():
        if updated:
            AvailabilitySummary.objects.bulk_update(
                updated, ["service", "first_start", "starts", "free_count"]
            )
        if existing:
            AvailabilitySummary.objects.filter(
                pk__in=[old[0] for old in existing.values()]
            ).delete()
        if created:
            AvailabilitySummary.objects.bulk_create(created)
        if updated or existing or created:
            # The free times search cards show moved: kept results pages are out of date.
            search_pages_changed()
        state = {"version": business.public_version, "computed_at": now}
        if days is not None:
            # Only some days are new: the summary's age stays that of its last full refresh.
            state = {"version": business.public_version}
        if not AvailabilitySummaryState.objects.filter(business=business).update(**state):
            AvailabilitySummaryState.objects.create(
                business=business, version=business.public_version, computed_at=now
            )


def availability_summary_changed(*, business_id: int, start: datetime) -> None:
    """Note that a booking starting at `start` was saved at the salon, in the booking's own
    transaction, so that the clock may work out that day alone (`changed_days`)."""
    AvailabilitySummaryChange.objects.create(business_id=business_id, start=start)


def changed_days(
    business: Business, *, summary_version: int | None, summary_at: datetime | None, now: datetime
) -> tuple[set[date] | None, list[int]]:
    """The days to work out again for a stale salon, None for all of them, and the notes
    (`AvailabilitySummaryChange`) this consumes.

    Only days when every change of the salon's `public_version` since its summary is a
    booking noted here (one note per bump), the summary is younger than `MAX_AGE` and of
    today: a note whose bump has not landed yet, or any other change (hours, services, a
    bulk update of bookings), makes the counts differ and the whole summary is worked out."""
    notes = list(
        AvailabilitySummaryChange.objects.filter(business=business).values_list("pk", "start")
    )
    ids = [pk for pk, _start in notes]
    if (
        not notes
        or summary_version is None
        or summary_at is None
        or summary_at < now - MAX_AGE
        or _local_days(business, summary_at)[0] != _local_days(business, now)[0]
        or summary_version + len(notes) != business.public_version
    ):
        return None, ids
    tz = ZoneInfo(business.timezone)
    return {start.astimezone(tz).date() for _pk, start in notes}, ids


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
        days, notes = changed_days(
            business,
            summary_version=business.summary_version,  # type: ignore[attr-defined]
            summary_at=business.summary_at,  # type: ignore[attr-defined]
            now=now,
        )
        availability_summary_refresh(business=business, now=now, days=days)
        if notes:
            AvailabilitySummaryChange.objects.filter(pk__in=notes).delete()
        done += 1
    # An unpublished salon has no summary to refresh: its bookings' notes would pile up.
    AvailabilitySummaryChange.objects.filter(business__is_active=False).delete()
    return done


@dataclass(frozen=True)
class NextFree:
    service_id: int
    starts: list[datetime]


def summaries_for(
    *,
    business_ids: list[int],
    now: datetime,
    day: date | None = None,
    period: str = "",
    service: str = "",
) -> dict[int, NextFree]:
    """The next free starts (UTC, after `now`, at most three) of each salon, from the summary:
    on `day` and in `period` when given, else the soonest ones; for the usual `service`
    (`lexicon.USUAL_SERVICES`) when given, else the salon's reference service. One query."""
    rows = AvailabilitySummary.objects.filter(
        business_id__in=business_ids,
        service_key=service,
        day__gte=(now - timedelta(days=1)).date(),
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
    *,
    now: datetime,
    day: date | None = None,
    period: str = "",
    soonest_first: bool = False,
    service: str = "",
) -> Callable[[QuerySet[Business]], QuerySet[Business]]:
    """A refinement of the catalogue's search, from the summary only: each salon carries
    `next_starts` (its first free starts of one day and period, ISO UTC, at most three) and
    `next_service` (the service they are for: the salon's own service for the usual `service`
    when given, else its reference service); with `day` or `period`, only salons free then
    are kept; `soonest_first` orders by the first free start. Adds no query: subqueries of
    the search's own."""

    def refine(salons: QuerySet[Business]) -> QuerySet[Business]:
        rows = AvailabilitySummary.objects.filter(service_key=service, first_start__gte=now)
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
