"""Load a salon's data for a date range in a fixed handful of queries and ask the engine.

Queries per call, whatever the number of staff or bookings: `salon_offer` three (services
with their performers, staff, working hours), none when the salon's offer for its current
`public_version` was read recently by this process; `availability_for` two with an offer
(bookings and time off in one UNION, closures: `schedule.schedule_load`), four without;
`next_free_starts` two with an offer, three without. The caller passes the Business and the
Service rows it already has.
tests/bookings/test_loading_availability_costs_a_fixed_number_of_queries.py holds these counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.cache import caches
from django.db.models import Count, F, Q

from creneau.bookings.schedule import schedule_load, weekly_hours
from creneau.catalog.models import Business, Service, StaffMember, WorkingHours
from creneau.scheduling.engine import (
    Policy,
    ServiceSpec,
    StaffSchedule,
    free_starts_anyone,
)


@dataclass(frozen=True)
class Availability:
    """Free starts over a range: for each start (UTC), the staff members free then."""

    business: Business
    start_date: date
    end_date: date
    slots: list[tuple[datetime, tuple[int, ...]]]
    staff: dict[int, StaffMember]

    def starts(self) -> list[datetime]:
        return [start for start, _ids in self.slots]

    def by_local_date(self) -> dict[date, list[datetime]]:
        tz = ZoneInfo(self.business.timezone)
        days: dict[date, list[datetime]] = defaultdict(list)
        for start, _ids in self.slots:
            days[start.astimezone(tz).date()].append(start)
        return days


@dataclass(frozen=True)
class SalonOffer:
    """What a salon offers: its bookable services, its active staff, who performs what, and
    when each works (staff id -> weekday -> local ranges; staff without hours are absent)."""

    business: Business
    services: dict[int, Service]
    staff: dict[int, StaffMember]
    performers: dict[int, frozenset[int]]
    hours: dict[int, dict[int, list[tuple[time, time]]]]

    def eligible(self, services: Sequence[Service]) -> list[StaffMember]:
        ids: set[int] | None = None
        for service in services:
            performers = self.performers.get(service.pk, frozenset())
            ids = set(performers) if ids is None else ids & performers
        return [member for pk, member in self.staff.items() if ids and pk in ids]


def salon_offer(business: Business) -> SalonOffer:
    """The salon's offer as of its `public_version` (catalog.freshness): kept by the process
    a minute at most and read again as soon as the salon changes; otherwise three queries."""
    key = f"offer:{business.pk}:{business.public_version}"
    offers = caches["pages"]
    offer: SalonOffer | None = offers.get(key)
    if offer is None:
        offer = _salon_offer_read(business)
        offers.set(key, offer)
    return offer


def _salon_offer_read(business: Business) -> SalonOffer:
    """Three queries: the services with their performers' ids, the active staff, their
    working hours."""
    services: dict[int, Service] = {}
    performers: dict[int, set[int]] = defaultdict(set)
    rows = (
        Service.objects.filter(business=business, is_active=True)
        .annotate(performer_id=F("staff"))
        .select_related("category")
        .order_by("category__position", "category__name", "position", "name", "pk")
    )
    for service in rows:
        services.setdefault(service.pk, service)
        if service.performer_id is not None:
            performers[service.pk].add(service.performer_id)
    staff = {
        member.pk: member
        for member in StaffMember.objects.filter(business=business, is_active=True).order_by(
            "position", "pk"
        )
    }
    hours = weekly_hours(WorkingHours.objects.filter(staff_id__in=staff)) if staff else {}
    return SalonOffer(
        business=business,
        services=services,
        staff=staff,
        performers={pk: frozenset(ids & staff.keys()) for pk, ids in performers.items()},
        hours={pk: dict(weekly) for pk, weekly in hours.items()},
    )


def business_policy(business: Business) -> Policy:
    return Policy(
        slot_step_minutes=business.slot_step_minutes,
        min_notice_minutes=business.min_notice_minutes,
        horizon_days=business.horizon_days,
    )


def eligible_staff(business: Business, services: Sequence[Service]) -> list[StaffMember]:
    """Active staff members of the salon who perform every requested service (one query)."""
    service_ids = {service.pk for service in services}
    return list(
        StaffMember.objects.filter(business=business, is_active=True)
        .annotate(n=Count("services", filter=Q(services__in=service_ids), distinct=True))
        .filter(n=len(service_ids))
        .order_by("position", "pk")
    )


def availability_for(
    *,
    business: Business,
    services: Sequence[Service],
    start_date: date,
    end_date: date,
    now: datetime,
    staff: StaffMember | None = None,
    exclude_booking_id: int | None = None,
    offer: SalonOffer | None = None,
) -> Availability:
    """Free starts for the services, done back to back, by `staff` or by anyone eligible.

    `exclude_booking_id` leaves one booking out of the busy intervals: rescheduling a booking
    may move it to a time that overlaps its current one. With an `offer` already loaded the
    eligible staff and their hours are worked out without a query; the rest is two queries:
    busy time (bookings and time off in one UNION) and closures (four without an offer).
    """
    if not services:
        raise ValueError("At least one service is needed.")
    tz = ZoneInfo(business.timezone)
    candidates = (
        offer.eligible(services) if offer is not None else eligible_staff(business, services)
    )
    if staff is not None:
        candidates = [member for member in candidates if member.pk == staff.pk]
    members = {member.pk: member for member in candidates}
    if not members:
        return Availability(business, start_date, end_date, [], members)

    schedule = schedule_load(
        business=business,
        staff_ids=members,
        first_day=start_date,
        last_day=end_date,
        hours=offer.hours if offer is not None else None,
        bookings=True,
        exclude_booking_id=exclude_booking_id,
    )
    schedules = [
        StaffSchedule(
            staff_id=staff_id,
            weekly_hours=schedule.hours.get(staff_id, {}),
            busy=schedule.busy(staff_id),
        )
        for staff_id in members
    ]
    slots = free_starts_anyone(
        staff=schedules,
        services=[ServiceSpec(s.duration_minutes, s.buffer_minutes) for s in services],
        start_date=start_date,
        end_date=end_date,
        tz=tz,
        policy=business_policy(business),
        now=now,
        closures=schedule.closure_intervals(),
    )
    return Availability(business, start_date, end_date, slots, members)


def next_free_starts(
    *,
    business: Business,
    service: Service,
    now: datetime,
    limit: int = 3,
    days: int = 14,
    offer: SalonOffer | None = None,
) -> list[datetime]:
    """The first `limit` free starts (UTC) of `service` with anyone, over `days` local days
    from `now`'s date at the salon: the salon page's "next free times".

    Three queries whatever the number of staff or bookings, two with an `offer` (none when
    no one performing the service has working hours): the working hours of the active staff who
    perform the service (read through the staff-service join, or taken from the offer), busy
    time (bookings and time off in one UNION) and closures. Same rules as `availability_for`;
    a start is only offered, the booking re-checks it.
    """
    tz = ZoneInfo(business.timezone)
    first_day = now.astimezone(tz).date()
    last_day = first_day + timedelta(days=days - 1)
    if offer is not None:
        hours = {
            member.pk: offer.hours[member.pk]
            for member in offer.eligible([service])
            if member.pk in offer.hours
        }
    else:
        # Through the staff-service join: the hours of exactly those who perform the service.
        hours = weekly_hours(
            WorkingHours.objects.filter(
                staff__business=business, staff__is_active=True, staff__services=service
            )
        )
    if not hours:
        return []
    schedule = schedule_load(
        business=business,
        staff_ids=hours,
        first_day=first_day,
        last_day=last_day,
        hours=hours,
        bookings=True,
    )
    schedules = [
        StaffSchedule(staff_id=staff_id, weekly_hours=weekly, busy=schedule.busy(staff_id))
        for staff_id, weekly in hours.items()
    ]
    slots = free_starts_anyone(
        staff=schedules,
        services=[ServiceSpec(service.duration_minutes, service.buffer_minutes)],
        start_date=first_day,
        end_date=last_day,
        tz=tz,
        policy=business_policy(business),
        now=now,
        closures=schedule.closure_intervals(),
    )
    return [start for start, _ids in slots[:limit]]
