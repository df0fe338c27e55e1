"""Demo and benchmark bookings: the demo salons' agendas filled as a busy salon's look.

Each active staff member's working hours are walked day by day from their start; at each step
a booking of one of the services they perform is placed with probability `fill`, else the
step is left free. Bookings never overlap (they are placed one after the other) and carry their
service's buffer like `booking_create` records it. Deterministic for a given seed and day.

For the default demo (a few dozen salons) the agendas hold 90 days of history (honoured,
cancelled, a few no-shows) and the next 30 days about 60 % booked, by a pool of demo customer
accounts (invented names, addresses under the demo domain, no password: nobody signs in as
them) so that customer files and dashboards show something. The demo customer has past and
upcoming bookings of their own. Benchmark data sets (thousands of salons) get a week ahead and
no customers.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import DateTimeField, DecimalField, JSONField, Model
from django.utils import timezone

from creneau.accounts.models import User
from creneau.bookings.history import iso_utc
from creneau.bookings.models import (
    REFERENCE_ALPHABET,
    ActorKind,
    Booking,
    BookingEvent,
    BookingEventCode,
    BookingService,
    BookingSource,
    BookingStatus,
)
from creneau.catalog.demo import DEMO_CUSTOMER_EMAIL
from creneau.catalog.models import Business, Closure, Service, TimeOff, WorkingHours

BATCH_SALONS = 200
STEP_MINUTES = 30

# Up to this many salons, `seed_demo` makes the full history; above, the bench's week ahead.
FULL_DEMO_SALONS = 100
HISTORY_DAYS = 90
AHEAD_DAYS = 30
# Placing with this probability at each free step books about 60 % of working time, since
# a booking (45 min on average) is longer than the 30-min step skipped when none is placed.
AHEAD_FILL = 0.5
HISTORY_FILL = 0.55
CUSTOMERS_PER_SALON = 4
DEMO_CUSTOMER_DOMAIN = "clients.demo.creneau.fr"

_LAST_NAMES = (
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Diallo",
    "Benali",
    "Nguyen",
    "Da Silva",
)
_FIRST_NAMES = (
    "Alice",
    "Louise",
    "Hugo",
    "Jules",
    "Nina",
    "Samir",
    "Lina",
    "Paul",
    "Rose",
    "Adam",
    "Mila",
    "Léon",
    "Ambre",
    "Yanis",
    "Anna",
    "Gabriel",
    "Sofia",
    "Nathan",
    "Eva",
    "Raphaël",
    "Aïcha",
    "Marius",
    "Jeanne",
    "Malik",
)


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


StatusRoll = Callable[[random.Random, date], tuple[str, bool]]


def _confirmed(rng: random.Random, day: date) -> tuple[str, bool]:
    return BookingStatus.CONFIRMED, False


def _history(today: date) -> StatusRoll:
    """Past days: mostly honoured, some cancelled (by the customer, rarely the salon), no-shows.

    Returns the status and whether the booking was cancelled (its time is then free again).
    """

    def roll(rng: random.Random, day: date) -> tuple[str, bool]:
        if day >= today:
            return (
                (BookingStatus.CANCELLED_BY_CUSTOMER, True)
                if rng.random() < 0.04
                else (
                    BookingStatus.CONFIRMED,
                    False,
                )
            )
        draw = rng.random()
        if draw < 0.08:
            return BookingStatus.CANCELLED_BY_CUSTOMER, True
        if draw < 0.10:
            return BookingStatus.CANCELLED_BY_BUSINESS, True
        if draw < 0.14:
            return BookingStatus.NO_SHOW, False
        return BookingStatus.COMPLETED, False

    return roll


@dataclass(frozen=True)
class _Plan:
    first_day: date
    days: int
    fill: float
    status: StatusRoll
    customers: dict[int, list[int]] | None = None  # salon id -> customer ids to draw from
    references: set[str] = field(default_factory=set)  # those made so far


def demo_bookings_create(
    *, business_ids: list[int], today: date, seed: int, days: int = 7, fill: float = 0.4
) -> int:
    """Fill the agendas of these salons from `today` for `days` days; no customers."""
    plan = _Plan(first_day=today, days=days, fill=fill, status=_confirmed)
    return _fill(business_ids, plan=plan, seed=seed)


def _fill(business_ids: list[int], *, plan: _Plan, seed: int) -> int:
    created = 0
    for offset in range(0, len(business_ids), BATCH_SALONS):
        batch = business_ids[offset : offset + BATCH_SALONS]
        created += _batch(batch, plan=plan, seed=seed)
    return created


def _batch(business_ids: list[int], *, plan: _Plan, seed: int) -> int:
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

    last_day = plan.first_day + timedelta(days=plan.days)
    closed: dict[int, set[date]] = defaultdict(set)
    for business_id, first, last in Closure.objects.filter(
        business_id__in=business_ids, start_date__lt=last_day, end_date__gte=plan.first_day
    ).values_list("business_id", "start_date", "end_date"):
        for number in range((last - first).days + 1):
            closed[business_id].add(first + timedelta(days=number))
    away: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    for staff_id, begins, ends in TimeOff.objects.filter(
        staff__business_id__in=business_ids
    ).values_list("staff_id", "start", "end"):
        away[staff_id].append((begins, ends))

    now = timezone.now()
    bookings: list[dict[str, Any]] = []
    chosen: list[Service] = []
    for staff_id in sorted(hours):
        offered = sorted(performs.get(staff_id, []), key=lambda s: s.pk)
        if not offered:
            continue
        rng = random.Random(f"creneau-demo-bookings:{seed}:{plan.first_day}:{staff_id}")
        tz = ZoneInfo(zones[owner[staff_id]])
        regulars = (plan.customers or {}).get(owner[staff_id], [])
        for number in range(plan.days):
            day = plan.first_day + timedelta(days=number)
            if day in closed[owner[staff_id]]:
                continue
            for start, end in sorted(hours[staff_id].get(day.weekday(), [])):
                cursor, stop = _minutes(start), _minutes(end)
                while cursor < stop:
                    service = rng.choice(offered)
                    length = service.duration_minutes
                    begins = datetime.combine(day, time(cursor // 60, cursor % 60), tzinfo=tz)
                    finishes = begins + timedelta(minutes=length)
                    if (
                        rng.random() < plan.fill
                        and cursor + length <= stop
                        and not any(a < finishes and begins < b for a, b in away[staff_id])
                    ):
                        status, cancelled = plan.status(rng, day)
                        reference = "".join(rng.choices(REFERENCE_ALPHABET, k=8))
                        while reference in plan.references:  # unique, as the column is
                            reference = "".join(rng.choices(REFERENCE_ALPHABET, k=8))
                        plan.references.add(reference)
                        created = min(begins - timedelta(days=rng.randint(1, 30)), now)
                        bookings.append(
                            {
                                "reference": reference,
                                "business_id": owner[staff_id],
                                "customer_id": rng.choice(regulars) if regulars else None,
                                "contact_id": None,
                                "staff_id": staff_id,
                                "start": begins,
                                "end": finishes,
                                "blocked_until": finishes
                                + timedelta(minutes=service.buffer_minutes),
                                "status": status,
                                "source": BookingSource.SITE.value,
                                "total_price": service.price,
                                "idempotency_key": "",
                                "created_at": created,
                                "updated_at": now,
                                # Cancelled some time between booking and the appointment.
                                "cancelled_at": (
                                    created + (min(begins, now) - created) * rng.random()
                                    if cancelled
                                    else None
                                ),
                                "pseudonymised_at": None,
                                "retain_until": None,
                                "customer_note": "",
                            }
                        )
                        chosen.append(service)
                        # A cancelled booking frees its time: another one may take it.
                        if not cancelled:
                            cursor += length + service.buffer_minutes
                    else:
                        cursor += STEP_MINUTES
    with transaction.atomic():
        _rows_insert(Booking, bookings)
        ids = dict(
            Booking.objects.filter(reference__in=[b["reference"] for b in bookings]).values_list(
                "reference", "pk"
            )
        )
        _rows_insert(
            BookingService,
            [
                {
                    "booking_id": ids[booking["reference"]],
                    "service_id": service.pk,
                    "position": 0,
                    "name": service.name,
                    "duration_minutes": service.duration_minutes,
                    "buffer_minutes": service.buffer_minutes,
                    "price": service.price,
                }
                for booking, service in zip(bookings, chosen, strict=True)
            ],
        )
        if plan.customers is not None:
            _rows_insert(BookingEvent, _history_rows(bookings, ids, now=now))
    return len(bookings)


def _history_rows(
    bookings: list[dict[str, Any]], ids: dict[str, int], *, now: datetime
) -> list[dict[str, Any]]:
    """What the booking's history would hold had it been made and ended on the site."""
    rows = []

    def event(booking: dict[str, Any], code: str, kind: str, at: datetime, **data: Any) -> None:
        by_salon = kind == ActorKind.SALON
        rows.append(
            {
                "booking_id": ids[booking["reference"]],
                "code": code,
                "actor_kind": kind,
                "actor_id": None if by_salon else booking["customer_id"],
                "staff_id": booking["staff_id"] if by_salon else None,
                "at": at,
                "data": data,
                "note": "",
            }
        )

    for booking in bookings:
        event(
            booking,
            BookingEventCode.CREATED,
            ActorKind.CUSTOMER,
            booking["created_at"],
            to=iso_utc(booking["start"]),
            staff_to=booking["staff_id"],
        )
        status = booking["status"]
        if status == BookingStatus.CANCELLED_BY_CUSTOMER:
            event(
                booking,
                BookingEventCode.CANCELLED,
                ActorKind.CUSTOMER,
                booking["cancelled_at"],
                **{"from": iso_utc(booking["start"])},
            )
        elif status == BookingStatus.CANCELLED_BY_BUSINESS:
            event(
                booking,
                BookingEventCode.CANCELLED,
                ActorKind.SALON,
                booking["cancelled_at"],
                **{"from": iso_utc(booking["start"])},
            )
        elif status in (BookingStatus.COMPLETED, BookingStatus.NO_SHOW):
            code = (
                BookingEventCode.COMPLETED
                if status == BookingStatus.COMPLETED
                else BookingEventCode.NO_SHOW
            )
            event(booking, code, ActorKind.SALON, min(booking["end"] + timedelta(hours=1), now))
    return rows


def _same(value: Any) -> Any:
    return value


def _decimal(value: Any, *, db: BaseDatabaseWrapper, field: DecimalField[Any, Any]) -> Any:
    return db.ops.adapt_decimalfield_value(value, field.max_digits, field.decimal_places)


def _rows_insert(model: type[Model], rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows with one prepared statement.

    `bulk_create` builds a model instance and prepares each value through the field's generic
    path: most of the demo's time at a hundred thousand bookings. Here each column gets the
    backend's adapter once. No signals, no defaults: the rows name every column but the key.
    """
    db = connections[DEFAULT_DB_ALIAS]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    adapters: list[Callable[[Any], Any]] = []
    for column in fields:
        if isinstance(column, DateTimeField):
            adapters.append(db.ops.adapt_datetimefield_value)
        elif isinstance(column, DecimalField):
            adapters.append(partial(_decimal, db=db, field=column))
        elif isinstance(column, JSONField):
            adapters.append(partial(column.get_db_prep_save, connection=db))
        else:
            adapters.append(_same)
    names = [f.attname for f in fields]
    missing = set(names) - set(rows[0]) if rows else set()
    if missing:
        raise ValueError(f"rows lack {sorted(missing)}")
    columns = ", ".join(db.ops.quote_name(f.column or f.attname) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = db.ops.quote_name(model._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (names from the model)
    pairs = list(zip(names, adapters, strict=True))
    prepared = [[adapt(row[name]) for name, adapt in pairs] for row in rows]
    with db.cursor() as cursor:
        for offset in range(0, len(prepared), 2000):
            cursor.executemany(sql, prepared[offset : offset + 2000])


def demo_customers_create(*, business_ids: list[int], seed: int) -> dict[int, list[int]]:
    """A pool of demo customer accounts, and for each salon the regulars who book there.

    The accounts cannot sign in (no usable password) and their addresses are under a domain
    of ours; made once, found again on the next run.
    """
    rng = random.Random(f"creneau-demo-customers:{seed}")
    wanted = max(24, CUSTOMERS_PER_SALON * len(business_ids))
    people = [
        (rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES), number) for number in range(wanted)
    ]
    emails = [
        f"{first.lower()}.{last.lower().replace(' ', '')}.{n}@{DEMO_CUSTOMER_DOMAIN}".encode(
            "ascii", "ignore"
        ).decode()
        for first, last, n in people
    ]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    unusable = make_password(None)
    User.objects.bulk_create(
        [
            User(email=email, first_name=first, last_name=last, password=unusable)
            for (first, last, _n), email in zip(people, emails, strict=True)
            if email not in existing
        ],
        batch_size=500,
    )
    pool = list(User.objects.filter(email__in=emails).order_by("pk").values_list("pk", flat=True))
    # Each salon has its regulars: some of the pool, so a customer file shows several visits.
    return {
        business_id: rng.sample(pool, k=min(len(pool), 12 + rng.randint(0, 12)))
        for business_id in business_ids
    }


def _demo_customer_bookings(*, business_ids: list[int], today: date, seed: int) -> int:
    """Give the demo customer three past visits, one cancellation and two upcoming bookings."""
    customer = User.objects.filter(email=DEMO_CUSTOMER_EMAIL).first()
    if customer is None:
        return 0
    rng = random.Random(f"creneau-demo-customer:{seed}")
    taken = Booking.objects.filter(business_id__in=business_ids, customer__isnull=False)
    past = list(
        taken.filter(
            business_id=business_ids[0], start__date__lt=today, status=BookingStatus.COMPLETED
        )
        .order_by("start", "staff_id")
        .values_list("pk", flat=True)
    )
    cancelled = list(
        taken.filter(start__date__lt=today, status=BookingStatus.CANCELLED_BY_CUSTOMER)
        .order_by("start", "staff_id")
        .values_list("pk", flat=True)[:1]
    )
    mine = sorted(rng.sample(past, k=min(3, len(past))))
    mine += cancelled
    # Upcoming: one at their usual salon within the week, one elsewhere the week after.
    for business_id, after in ((business_ids[0], 2), (business_ids[-1], 9)):
        upcoming = (
            taken.filter(
                business_id=business_id,
                start__date__gte=today + timedelta(days=after),
                status=BookingStatus.CONFIRMED,
            )
            .order_by("start", "staff_id")
            .values_list("pk", flat=True)
            .first()
        )
        if upcoming is not None:
            mine.append(upcoming)
    return Booking.objects.filter(pk__in=mine).update(customer=customer)


# Above this many salons the summaries are left to the clock (or the bench): about 40 ms each.
SUMMARIES_AT_ONCE = 500


def demo_agendas_fill(
    *, business_ids: list[int], today: date, seed: int, people: bool = True
) -> str:
    """The demo extension of `seed_demo`: bookings, then the search's availability summaries."""
    from creneau.bookings.summary import availability_summary_refresh

    if len(business_ids) <= FULL_DEMO_SALONS:
        customers = demo_customers_create(business_ids=business_ids, seed=seed) if people else {}
        history = _Plan(
            first_day=today - timedelta(days=HISTORY_DAYS),
            days=HISTORY_DAYS,
            fill=HISTORY_FILL,
            status=_history(today),
            customers=customers,
        )
        ahead = _Plan(
            first_day=today,
            days=AHEAD_DAYS,
            fill=AHEAD_FILL,
            status=_history(today),
            customers=customers,
            references=history.references,
        )
        created = _fill(business_ids, plan=history, seed=seed)
        created += _fill(business_ids, plan=ahead, seed=seed)
        _demo_customer_bookings(business_ids=business_ids, today=today, seed=seed)
        line = (
            f"Created {created:,} demo bookings ({HISTORY_DAYS} days back, {AHEAD_DAYS} ahead) "
            f"over {len(business_ids):,} salons for "
            f"{len(set().union(*customers.values())):,} demo customers"
        )
    else:
        created = demo_bookings_create(business_ids=business_ids, today=today, seed=seed)
        line = f"Created {created:,} demo bookings over {len(business_ids):,} salons"
    if len(business_ids) > SUMMARIES_AT_ONCE:
        return line + " (availability summaries: left to the clock)."
    now = timezone.now()
    for business in Business.objects.filter(pk__in=business_ids):
        availability_summary_refresh(business=business, now=now)
    return line + " and their availability summaries."
