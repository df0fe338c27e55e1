"""The availability benchmarks' database: demo salons plus one "bench salon".

The bench salon is `bench.engine_data.make_dataset()` (10 staff, 30 days, about 60 % booked)
loaded into the database, moved forward by whole weeks so that its 30 days start within the
week after today: the slot page and the salon page use the real `timezone.now()`, so the data
must be in the future. Each moment is moved in Paris wall-clock time (09:00 stays 09:00), so the
bookings keep lying inside the working hours whichever side of a daylight-saving change they
land; the 30 days cross the change of time only when the benchmark runs in October.

Around it, `seed_demo --salons 200` (no users) gives the tables and indexes other salons'
rows, as in production. Lives in var/bench/availability.sqlite3 with its own VAR_DIR, never the
development database; built once per day (about half a minute), then reused.

`configure()` must run before Django is imported.
"""

from __future__ import annotations

import json
import os
import time as clock
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.engine_data import END_DATE, START_DATE, TIME_ZONE, make_dataset

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / "availability.sqlite3"
VAR_DIR = BENCH_DIR / "availability-var"
META_PATH = BENCH_DIR / "availability.json"
DATABASE_URL = f"sqlite:///{DB_PATH}"
DEMO_SALONS = 200
DEMO_SEED = 2026
SALON_NAME = "Salon Banc d'Essai"
SALON_CITY = "Paris"
# Bump when what is built changes, so that an old database is rebuilt.
LAYOUT = 1
# The engine benchmark's one day (2026-10-28, a Wednesday when everyone works), moved like the
# rest.
ENGINE_ONE_DAY = date(2026, 10, 28)


def configure() -> None:
    """Point Django at the bench database and the bench VAR_DIR (before importing Django)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "creneau.settings"
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["VAR_DIR"] = str(VAR_DIR)


def weeks_ahead(today: date) -> int:
    """Whole weeks that move the data set's first day to within the 7 days after today."""
    return max(0, -(-((today + timedelta(days=1)) - START_DATE).days // 7))


def shifted_dataset(today: date) -> dict[str, Any]:
    """`make_dataset()` with every date and moment moved by `weeks_ahead(today)` weeks."""
    data = make_dataset()
    shift = timedelta(weeks=weeks_ahead(today))
    tz = ZoneInfo(TIME_ZONE)

    def move(moment: datetime) -> datetime:
        wall = moment.astimezone(tz).replace(tzinfo=None) + shift
        return wall.replace(tzinfo=tz).astimezone(UTC)

    data["start_date"] = START_DATE + shift
    data["end_date"] = END_DATE + shift
    data["now"] = move(data["now"])
    data["time_off"] = [(i, move(s), move(e)) for i, s, e in data["time_off"]]
    data["bookings"] = [(i, move(s), move(e), b) for i, s, e, b in data["bookings"]]
    data["one_day"] = ENGINE_ONE_DAY + shift
    return data


@dataclass(frozen=True)
class BenchSalon:
    business_id: int
    service_id: int
    staff_ids: list[int]
    city_slug: str
    slug: str
    start_date: date
    end_date: date
    one_day: date
    bookings: int
    demo_salon_url: str

    @property
    def url(self) -> str:
        return f"/salons/{self.city_slug}/{self.slug}/"

    def slots_url(self, day: date) -> str:
        return f"{self.url}book/?service={self.service_id}&date={day.isoformat()}"


def ensure_database(today: date) -> BenchSalon:
    """The bench database for `today`, built if missing, from another day or interrupted."""
    from django.core.management import call_command

    meta = _read_meta()
    if meta is None or meta.get("built_for") != today.isoformat() or meta.get("layout") != LAYOUT:
        from django.db import connections

        connections.close_all()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB_PATH}{suffix}").unlink(missing_ok=True)
        META_PATH.unlink(missing_ok=True)
        print(f"Building the availability bench database for {today}...", flush=True)
        started = clock.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        call_command(
            "seed_demo", salons=DEMO_SALONS, seed=DEMO_SEED, today=today, no_users=True, verbosity=0
        )
        meta = _load_bench_salon(today)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        META_PATH.write_text(json.dumps(meta, indent=2))
        print(f"  built in {clock.perf_counter() - started:.0f} s", flush=True)
    else:
        # Built earlier: bring its schema up to date with the code being measured.
        call_command("migrate", verbosity=0, interactive=False)
    return BenchSalon(
        business_id=meta["business_id"],
        service_id=meta["service_id"],
        staff_ids=meta["staff_ids"],
        city_slug=meta["city_slug"],
        slug=meta["slug"],
        start_date=date.fromisoformat(meta["start_date"]),
        end_date=date.fromisoformat(meta["end_date"]),
        one_day=date.fromisoformat(meta["one_day"]),
        bookings=meta["bookings"],
        demo_salon_url=meta["demo_salon_url"],
    )


def _read_meta() -> dict[str, Any] | None:
    if not DB_PATH.exists() or not META_PATH.exists():
        return None
    try:
        return json.loads(META_PATH.read_text())
    except ValueError:
        return None


def _load_bench_salon(today: date) -> dict[str, Any]:
    """Insert the bench salon (bulk inserts, one transaction) and describe it."""
    from django.db import transaction

    from creneau.bookings.models import Booking
    from creneau.catalog.models import Business, Service, StaffMember, TimeOff, WorkingHours
    from creneau.catalog.services import business_reindex, business_save

    data = shifted_dataset(today)
    with transaction.atomic():
        business = business_save(
            business=Business(
                name=SALON_NAME,
                category="hair",
                description="Benchmark salon: 10 staff, about 60 % booked.",
                address="1 rue du Banc",
                postcode="75011",
                city=SALON_CITY,
                timezone=data["time_zone"],
                **data["policy"],
            )
        )
        staff = StaffMember.objects.bulk_create(
            StaffMember(business=business, display_name=member["name"], position=member["index"])
            for member in data["staff"]
        )
        WorkingHours.objects.bulk_create(
            WorkingHours(staff=staff[member["index"]], weekday=weekday, start=start, end=end)
            for member in data["staff"]
            for weekday, ranges in member["weekly_hours"].items()
            for start, end in ranges
        )
        service = Service.objects.create(
            business=business,
            name="Coupe, brushing",
            price=Decimal("45.00"),
            **data["service"],
        )
        service.staff.set(staff)
        TimeOff.objects.bulk_create(
            TimeOff(staff=staff[index], start=start, end=end)
            for index, start, end in data["time_off"]
        )
        # Each booking blocks its own buffer, as booking_create records it.
        Booking.objects.bulk_create(
            (
                Booking(
                    business=business,
                    staff=staff[index],
                    start=start,
                    end=end,
                    blocked_until=end + timedelta(minutes=buffer),
                    total_price=Decimal("45.00"),
                )
                for index, start, end, buffer in data["bookings"]
            ),
            batch_size=500,
        )
        business_reindex(business_ids=[business.pk])
    demo = Business.objects.filter(is_active=True).exclude(pk=business.pk).order_by("pk").first()
    return {
        "layout": LAYOUT,
        "built_for": today.isoformat(),
        "business_id": business.pk,
        "service_id": service.pk,
        "staff_ids": [member.pk for member in staff],
        "city_slug": business.city_slug,
        "slug": business.slug,
        "start_date": data["start_date"].isoformat(),
        "end_date": data["end_date"].isoformat(),
        "one_day": data["one_day"].isoformat(),
        "bookings": len(data["bookings"]),
        "demo_salon_url": demo.get_absolute_url() if demo else "",
    }
