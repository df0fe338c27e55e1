"""Demo and benchmark catalogue: realistic French salons, generated deterministically.

Every salon is drawn from its own random generator seeded with (seed, salon number), so the
same seed gives the same salons whatever the batch size, and salon number k is the same in a
40-salon demo and a 10,000-salon benchmark. Dates (time off, closures) are relative to `today`.

Rows are written with `bulk_create` in batches of salons, so 10,000 salons (about 1.5 million
rows with staff, hours and services) load in about two minutes on SQLite.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.text import slugify

from creneau.catalog import demo_data
from creneau.catalog.models import (
    Business,
    Closure,
    Service,
    ServiceCategory,
    StaffMember,
    StaffRole,
    TimeOff,
    WorkingHours,
)
from creneau.catalog.search_index import search_terms_rebuild
from creneau.catalog.services import business_derived_fields

BATCH_SALONS = 500
TIME_ZONE = "Europe/Paris"
FIRST_SALON_NAME = "Salon Éléa"
FIRST_SALON_OWNER = "Éléa"


# Other apps add their own demo rows for the salons just created (the bookings app fills the
# agendas), registered from their AppConfig.ready: the catalogue never names them.
DemoExtension = Callable[..., str]
_demo_extensions: dict[str, DemoExtension] = {}


def demo_extension_register(name: str, extension: DemoExtension) -> None:
    """`extension(*, business_ids, today, seed, people) -> str` runs after `seed_demo` creates
    salons and the demo accounts; `people` is false when no accounts may be made (benchmarks).
    It returns a line for the command's report."""
    _demo_extensions[name] = extension


def demo_extensions() -> dict[str, DemoExtension]:
    return dict(_demo_extensions)


@dataclass
class DemoCounts:
    salons: int = 0
    staff: int = 0
    services: int = 0
    working_hours: int = 0
    time_off: int = 0
    closures: int = 0
    first_business_id: int | None = None

    def add(self, other: DemoCounts) -> None:
        self.salons += other.salons
        self.staff += other.staff
        self.services += other.services
        self.working_hours += other.working_hours
        self.time_off += other.time_off
        self.closures += other.closures
        if self.first_business_id is None:
            self.first_business_id = other.first_business_id


@dataclass
class _Salon:
    """One generated salon and its dependent rows, before insertion."""

    business: Business
    categories: list[ServiceCategory] = field(default_factory=list)
    staff: list[StaffMember] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    performers: list[list[StaffMember]] = field(default_factory=list)  # per service
    hours: list[WorkingHours] = field(default_factory=list)
    time_off: list[TimeOff] = field(default_factory=list)
    closures: list[Closure] = field(default_factory=list)


def french_public_holidays(year: int) -> list[tuple[date, str]]:
    """The eleven public holidays of metropolitan France (without Alsace-Moselle's two)."""
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher) for Easter Sunday.
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    day = (h + l_ - 7 * m + 33 * month + 19) % 32
    easter = date(year, month, day)
    return sorted(
        [
            (date(year, 1, 1), "Jour de l'an"),
            (easter + timedelta(days=1), "Lundi de Pâques"),
            (date(year, 5, 1), "Fête du Travail"),
            (date(year, 5, 8), "Victoire 1945"),
            (easter + timedelta(days=39), "Ascension"),
            (easter + timedelta(days=50), "Lundi de Pentecôte"),
            (date(year, 7, 14), "Fête nationale"),
            (date(year, 8, 15), "Assomption"),
            (date(year, 11, 1), "Toussaint"),
            (date(year, 11, 11), "Armistice 1918"),
            (date(year, 12, 25), "Noël"),
        ]
    )


def _hm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _shift(value: time, minutes: int) -> time:
    total = value.hour * 60 + value.minute + minutes
    return time(total // 60, total % 60)


class _SlugBook:
    """Unique slugs without one query per salon: existing slugs are read once."""

    def __init__(self) -> None:
        self.taken = set(Business.objects.values_list("slug", flat=True))
        self.next_number: dict[str, int] = {}

    def claim(self, name: str, city: str) -> str:
        base = slugify(name)[:100] or "salon"
        for candidate in (base, f"{base}-{slugify(city)}"):
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        stem = f"{base}-{slugify(city)}"
        number = self.next_number.get(stem, 2)
        while f"{stem}-{number}" in self.taken:
            number += 1
        self.next_number[stem] = number + 1
        slug = f"{stem}-{number}"
        self.taken.add(slug)
        return slug


class _Generator:
    def __init__(self, *, seed: int, today: date) -> None:
        self.seed = seed
        self.today = today
        self.tz = ZoneInfo(TIME_ZONE)
        self.slugs = _SlugBook()
        self.holidays = [
            (day, label)
            for year in (today.year, today.year + 1)
            for day, label in french_public_holidays(year)
            if today <= day <= today + timedelta(days=120)
        ]
        categories = list(demo_data.CATEGORY_WEIGHTS)
        self.categories = categories
        self.category_weights = [demo_data.CATEGORY_WEIGHTS[c] for c in categories]

    def salon(self, number: int) -> _Salon:
        rng = random.Random(f"creneau-demo:{self.seed}:{number}")
        city = demo_data.CITIES[number % len(demo_data.CITIES)]
        if number == 0:
            category, name = "hair", FIRST_SALON_NAME
        else:
            category = rng.choices(self.categories, self.category_weights)[0]
            template = rng.choice(demo_data.SALON_NAMES[category])
            name = template.format(first=rng.choice(demo_data.FIRST_NAMES), city=city.name)

        chosen = self._services(rng, category, city.price_factor)
        business = Business(
            name=name,
            slug=self.slugs.claim(name, city.name),
            category=category,
            description=rng.choice(demo_data.DESCRIPTIONS[category]),
            address=f"{rng.randint(1, 120)} {rng.choice(demo_data.STREETS)}",
            postcode=rng.choice(city.postcodes),
            city=city.name,
            city_slug=slugify(city.name),
            latitude=Decimal(f"{city.latitude + rng.uniform(-0.03, 0.03):.6f}"),
            longitude=Decimal(f"{city.longitude + rng.uniform(-0.04, 0.04):.6f}"),
            timezone=TIME_ZONE,
            phone=f"{city.phone_prefix}{rng.randrange(10**7):07d}",
            slot_step_minutes=rng.choice([10, 15, 15, 15, 30] if category != "spa" else [15, 30]),
            min_notice_minutes=rng.choice([30, 60, 60, 120, 240]),
            horizon_days=rng.choice([30, 60, 60, 90]),
            cancellation_deadline_hours=rng.choice([12, 24, 24, 48]),
            reminder_hours=24,
            **business_derived_fields(
                name=name, city=city.name, services=[(spec[1], price) for spec, price in chosen]
            ),
        )
        salon = _Salon(business=business)
        self._staff(rng, salon, category, number)
        self._price_list(rng, salon, chosen)
        self._closures(rng, salon)
        return salon

    def _services(
        self, rng: random.Random, category: str, factor: float
    ) -> list[tuple[demo_data.ServiceSpec, Decimal]]:
        catalogue = demo_data.SERVICES[category]
        count = rng.randint(10, min(30, len(catalogue)))
        indexes = sorted(rng.sample(range(len(catalogue)), count))
        chosen = []
        for index in indexes:
            spec = catalogue[index]
            low, high = spec[3]
            # Whole euros, or half euros now and then, as price lists are written.
            raw = rng.uniform(low, high) * factor
            step = 2 if rng.random() < 0.2 else 1
            chosen.append((spec, Decimal(round(raw * step)) / step))
        return chosen

    def _staff(self, rng: random.Random, salon: _Salon, category: str, number: int) -> None:
        size = rng.choice([2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 10, 12])
        names = rng.sample(demo_data.STAFF_NAMES, size)
        if number == 0:
            names[0] = FIRST_SALON_OWNER
        schedule = rng.choice(demo_data.SCHEDULES[3:] if category == "spa" else demo_data.SCHEDULES)
        for position, display_name in enumerate(names):
            if position == 0:
                role = StaffRole.OWNER
            elif position == 1 and size >= 5:
                role = StaffRole.MANAGER
            else:
                role = StaffRole.STAFF
            # In bigger teams someone has left: kept for history, not bookable.
            is_active = not (size >= 6 and position == size - 1)
            member = StaffMember(
                business=salon.business,
                display_name=display_name,
                role=role,
                is_active=is_active,
                position=position,
            )
            salon.staff.append(member)
            self._hours(rng, salon, member, schedule)
            self._time_off(rng, salon, member)
        if number == 0:
            self._first_salon_extras(salon)

    def _first_salon_extras(self, salon: _Salon) -> None:
        """The salon the demo professional owns opens on Sundays too, so its agenda shows
        bookings whatever day the demo is started, and holds an afternoon of training soon."""
        for member in salon.staff[:2]:
            if any(h.staff is member and h.weekday == 6 for h in salon.hours):
                continue
            salon.hours.append(
                WorkingHours(staff=member, weekday=6, start=time(10, 0), end=time(17, 0))
            )
        if len(salon.staff) > 1:
            day = self.today + timedelta(days=3)
            salon.time_off.append(
                TimeOff(
                    staff=salon.staff[1],
                    start=datetime.combine(day, time(14, 0), tzinfo=self.tz),
                    end=datetime.combine(day, time(18, 0), tzinfo=self.tz),
                    reason="Formation",
                )
            )

    def _hours(
        self, rng: random.Random, salon: _Salon, member: StaffMember, schedule: dict[str, Any]
    ) -> None:
        days = list(schedule["days"])
        # Most people work fewer days than the salon opens: one day off, or two in 6-day salons.
        for _day_off in range(rng.choice([0, 1, 1]) + (1 if len(days) >= 6 else 0)):
            if len(days) > 3:
                days.remove(rng.choice(days))
        opening, closing = _hm(schedule["open"]), _hm(schedule["close"])
        lunch = rng.choice([None, _hm("12:00"), _hm("12:30"), _hm("13:00")])
        for day in days:
            end = closing
            if day == schedule["late_day"]:
                end = _shift(closing, 60)
            elif day == 5 and schedule["late_day"] is not None:
                end = _shift(closing, -60)  # Saturdays close earlier
            if lunch is not None and day != 5:
                salon.hours.append(
                    WorkingHours(staff=member, weekday=day, start=opening, end=lunch)
                )
                salon.hours.append(
                    WorkingHours(staff=member, weekday=day, start=_shift(lunch, 60), end=end)
                )
            else:
                salon.hours.append(WorkingHours(staff=member, weekday=day, start=opening, end=end))

    def _time_off(self, rng: random.Random, salon: _Salon, member: StaffMember) -> None:
        roll = rng.random()
        if roll < 0.15:
            first = self.today + timedelta(days=rng.randint(5, 50))
            last = first + timedelta(days=rng.randint(2, 9))
            salon.time_off.append(
                TimeOff(
                    staff=member,
                    start=datetime.combine(first, time(0, 0), tzinfo=self.tz),
                    end=datetime.combine(last + timedelta(days=1), time(0, 0), tzinfo=self.tz),
                    reason="Congés",
                )
            )
        elif roll < 0.30:
            day = self.today + timedelta(days=rng.randint(2, 30))
            start = rng.choice([time(9, 0), time(14, 0)])
            salon.time_off.append(
                TimeOff(
                    staff=member,
                    start=datetime.combine(day, start, tzinfo=self.tz),
                    end=datetime.combine(day, _shift(start, 240), tzinfo=self.tz),
                    reason=rng.choice(["Formation", "Rendez-vous personnel", ""]),
                )
            )

    def _price_list(
        self,
        rng: random.Random,
        salon: _Salon,
        chosen: list[tuple[demo_data.ServiceSpec, Decimal]],
    ) -> None:
        sections: dict[str, ServiceCategory] = {}
        active_staff = [m for m in salon.staff if m.is_active]
        for position, ((section, name, duration, _range, buffer), price) in enumerate(chosen):
            if section not in sections:
                sections[section] = ServiceCategory(
                    business=salon.business, name=section, position=len(sections)
                )
            salon.services.append(
                Service(
                    business=salon.business,
                    category=sections[section],
                    name=name,
                    duration_minutes=duration,
                    buffer_minutes=buffer,
                    price=price,
                    position=position,
                )
            )
            performers = [m for m in active_staff if rng.random() < 0.75]
            salon.performers.append(performers or [rng.choice(active_staff)])
        salon.categories = list(sections.values())

    def _closures(self, rng: random.Random, salon: _Salon) -> None:
        for day, label in self.holidays:
            if rng.random() < 0.9:
                salon.closures.append(
                    Closure(business=salon.business, start_date=day, end_date=day, label=label)
                )
        if rng.random() < 0.25:
            first = self.today + timedelta(days=rng.randint(20, 90))
            salon.closures.append(
                Closure(
                    business=salon.business,
                    start_date=first,
                    end_date=first + timedelta(days=rng.choice([6, 6, 13])),
                    label="Congés annuels",
                )
            )


def _insert(salons: list[_Salon]) -> DemoCounts:
    Business.objects.bulk_create([s.business for s in salons])
    ServiceCategory.objects.bulk_create([c for s in salons for c in s.categories])
    StaffMember.objects.bulk_create([m for s in salons for m in s.staff])
    Service.objects.bulk_create([v for s in salons for v in s.services])
    through = Service.staff.through
    through.objects.bulk_create(
        [
            through(service_id=service.pk, staffmember_id=member.pk)
            for s in salons
            for service, performers in zip(s.services, s.performers, strict=True)
            for member in performers
        ],
        batch_size=5000,
    )
    WorkingHours.objects.bulk_create([h for s in salons for h in s.hours], batch_size=5000)
    TimeOff.objects.bulk_create([t for s in salons for t in s.time_off])
    Closure.objects.bulk_create([c for s in salons for c in s.closures], batch_size=5000)
    return DemoCounts(
        salons=len(salons),
        staff=sum(len(s.staff) for s in salons),
        services=sum(len(s.services) for s in salons),
        working_hours=sum(len(s.hours) for s in salons),
        time_off=sum(len(s.time_off) for s in salons),
        closures=sum(len(s.closures) for s in salons),
        first_business_id=salons[0].business.pk if salons else None,
    )


def demo_catalog_create(
    *,
    salons: int,
    seed: int,
    today: date,
    progress: Callable[[int, int], None] | None = None,
) -> DemoCounts:
    """Create `salons` demo salons with staff, hours, services, time off and closures.

    Salon 0 is always "Salon Éléa", a hair salon in Paris. Each batch is one transaction, so
    an interrupted run leaves whole salons only. `progress(done, total)` is called per batch.
    """
    generator = _Generator(seed=seed, today=today)
    counts = DemoCounts()
    for start in range(0, salons, BATCH_SALONS):
        batch = [generator.salon(n) for n in range(start, min(salons, start + BATCH_SALONS))]
        with transaction.atomic():
            counts.add(_insert(batch))
        if progress is not None:
            progress(counts.salons, salons)
    search_terms_rebuild()
    return counts


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    note: str


DEMO_CUSTOMER_EMAIL = "client@demo.creneau.fr"
DEMO_PASSWORD = "creneau-demo-2026"  # noqa: S105 (printed on purpose: demo accounts only)


def demo_users_create(
    *, business: Business | None, password: str = DEMO_PASSWORD
) -> list[DemoLogin]:
    """The three demo accounts, with verified e-mail addresses; created once, reused after.

    The professional is linked to `business`'s owner staff member.
    """
    from allauth.account.models import EmailAddress

    from creneau.accounts.models import User

    people = [
        ("customer", DEMO_CUSTOMER_EMAIL, "Claire", "Moreau", "+33611223344", {}),
        ("professional", "pro@demo.creneau.fr", "Éléa", "Fontaine", "+33622334455", {}),
        (
            "platform admin",
            "admin@demo.creneau.fr",
            "Alex",
            "Durand",
            "+33733445566",
            {"is_staff": True, "is_superuser": True},
        ),
    ]
    logins = []
    with transaction.atomic():
        for role, email, first_name, last_name, phone, flags in people:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email,
                    password,
                    first_name=first_name,
                    last_name=last_name,
                    phone=phone,
                    **flags,
                )
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            note = ""
            if role == "professional" and business is not None:
                owner = business.staff.filter(role=StaffRole.OWNER).order_by("position").first()
                if owner is not None and owner.user_id in (None, user.pk):
                    owner.user = user
                    owner.save(update_fields=["user"])
                note = f"owner of {business.name}, {business.get_absolute_url()}"
            elif role == "platform admin":
                note = "/admin/"
            logins.append(DemoLogin(role=role, email=email, note=note))
    return logins
