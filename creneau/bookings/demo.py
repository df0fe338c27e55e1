"""Demo and benchmark bookings: the demo salons' agendas filled as a real week looks.

Each active staff member's working hours over the next `days` days are walked from their
start; at each step a booking of one of the services they perform is placed with probability
`fill`, else the step is left free. Bookings never overlap (they are placed one after the
other), carry their service's buffer like `booking_create` records it, and belong to no
account: the demo data holds no person. Deterministic for a given seed and day.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from creneau.bookings.models import Booking, BookingService, BookingSource
from creneau.catalog.models import Business, Service, WorkingHours

BATCH_SALONS = 200
STEP_MINUTES = 30


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def demo_bookings_create(
    *, business_ids: list[int], today: date, seed: int, days: int = 7, fill: float = 0.4
) -> int:
    """Fill the agendas of these salons from `today` for `days` days; return how many."""
    created = 0
    for offset in range(0, len(business_ids), BATCH_SALONS):
        batch = business_ids[offset : offset + BATCH_SALONS]
        created += _batch(batch, today=today, seed=seed, days=days, fill=fill)
    return created


def _batch(business_ids: list[int], *, today: date, seed: int, days: int, fill: float) -> int:
    zones = dict(Business.objects.filter(pk__in=business_ids).values_list("pk", "timezone"))
    hours: dict[int, dict[int, list[tuple[time, time]]]] = defaultdict(lambda: defaultdict(list))
    owner: dict[int, int] = {}
    for staff_id, business_id, weekday, start, end in WorkingHours.objects.filter(
        staff__business_id__in=business_ids, staff__is_active=True
    ).values_list("staff_id", "staff__business_id", "weekday", "start", "end"):
        hours[staff_id][weekday].append((start, end))
        owner[staff_id] = business_id
    services = {
        s.pk: s for s in Service.objects.filter(business_id__in=business_ids, is_active=True)
    }
    performs: dict[int, list[Service]] = defaultdict(list)
    for service_id, staff_id in Service.staff.through.objects.filter(
        service_id__in=services
    ).values_list("service_id", "staffmember_id"):
        performs[staff_id].append(services[service_id])

    bookings: list[Booking] = []
    chosen: list[Service] = []
    for staff_id in sorted(hours):
        offered = sorted(performs.get(staff_id, []), key=lambda s: s.pk)
        if not offered:
            continue
        rng = random.Random(f"creneau-demo-bookings:{seed}:{staff_id}")
        tz = ZoneInfo(zones[owner[staff_id]])
        for number in range(days):
            day = today + timedelta(days=number)
            for start, end in sorted(hours[staff_id].get(day.weekday(), [])):
                cursor, stop = _minutes(start), _minutes(end)
                while cursor < stop:
                    service = rng.choice(offered)
                    length = service.duration_minutes
                    if rng.random() < fill and cursor + length <= stop:
                        begins = datetime.combine(day, time(cursor // 60, cursor % 60), tzinfo=tz)
                        finishes = begins + timedelta(minutes=length)
                        bookings.append(
                            Booking(
                                business_id=owner[staff_id],
                                staff_id=staff_id,
                                start=begins,
                                end=finishes,
                                blocked_until=finishes + timedelta(minutes=service.buffer_minutes),
                                total_price=service.price,
                                source=BookingSource.SITE,
                            )
                        )
                        chosen.append(service)
                        cursor += length + service.buffer_minutes
                    else:
                        cursor += STEP_MINUTES
    with transaction.atomic():
        Booking.objects.bulk_create(bookings, batch_size=500)
        BookingService.objects.bulk_create(
            (
                BookingService(
                    booking=booking,
                    service=service,
                    position=0,
                    name=service.name,
                    duration_minutes=service.duration_minutes,
                    buffer_minutes=service.buffer_minutes,
                    price=service.price,
                )
                for booking, service in zip(bookings, chosen, strict=True)
            ),
            batch_size=500,
        )
    return len(bookings)


# Above this many salons the summaries are left to the clock (or the bench): about 40 ms each.
SUMMARIES_AT_ONCE = 500


def demo_agendas_fill(*, business_ids: list[int], today: date, seed: int) -> str:
    """The demo extension of `seed_demo`: bookings, then the search's availability summaries."""
    from django.utils import timezone

    from creneau.bookings.summary import availability_summary_refresh

    created = demo_bookings_create(business_ids=business_ids, today=today, seed=seed)
    line = f"Created {created:,} demo bookings over {len(business_ids):,} salons"
    if len(business_ids) > SUMMARIES_AT_ONCE:
        return line + " (availability summaries: left to the clock)."
    now = timezone.now()
    for business in Business.objects.filter(pk__in=business_ids):
        availability_summary_refresh(business=business, now=now)
    return line + " and their availability summaries."
