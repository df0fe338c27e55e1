"""Reads of the catalogue used by the public site (and later the API)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Case as SqlCase
from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils.text import slugify

from creneau.catalog.hours import TimeRange, merge_ranges
from creneau.catalog.models import (
    Business,
    BusinessCategory,
    Closure,
    Service,
    StaffMember,
    WorkingHours,
)
from creneau.catalog.text import terms

# "75", "750", "75011": a department or the start of a postcode.
_POSTCODE_PREFIX = re.compile(r"^\d{2,5}$")
# At most this many words of a free-text query are used: each one is a LIKE over the text.
MAX_TERMS = 6
CLOSURES_AHEAD_DAYS = 90


def _relevance(words: list[str], phrase: str) -> SqlCase | Value:
    """A score where matches in the salon's name weigh more than matches in its services.

    Every word is known to be in `search_text` (the filter makes sure), so each one scores 1,
    or 2 when it is in the name; the whole query as the name, or inside it, scores more.
    """
    if not words:
        return Value(0, output_field=IntegerField())
    score = SqlCase(
        When(search_name=phrase, then=Value(10)),
        When(search_name__startswith=phrase, then=Value(6)),
        When(search_name__contains=phrase, then=Value(4)),
        default=Value(0),
        output_field=IntegerField(),
    )
    for word in words:
        score = score + SqlCase(
            When(search_name__contains=word, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return score


def business_search(
    *,
    text: str = "",
    where: str = "",
    category: str = "",
    city_slug: str = "",
) -> QuerySet[Business]:
    """Published salons matching every given criterion, most relevant first, then by name.

    - `text`: words looked up, accents and case ignored, in salon names, cities and the names
      of bookable services; every word must match.
    - `where`: a city ("Saint-Étienne", "saint etienne", "lyo") or a postcode or its start
      ("69", "69003").
    - `category`: one of `BusinessCategory` values; an unknown value matches nothing.
    - `city_slug`: an exact city, as in the city page's address.

    The rows carry `relevance`, `min_price` (lowest non-zero price of a bookable service, or
    None) and
    `service_count`; the last two are subqueries, computed only for the rows fetched, so a
    paginator's count stays a plain filtered COUNT.
    """
    queryset = Business.objects.filter(is_active=True)
    where = where.strip()
    if where:
        compact = where.replace(" ", "")
        if _POSTCODE_PREFIX.match(compact):
            queryset = queryset.filter(postcode__startswith=compact)
        else:
            queryset = queryset.filter(city_slug__startswith=slugify(where) or "-")
    if city_slug:
        queryset = queryset.filter(city_slug=city_slug)
    if category:
        if category not in BusinessCategory.values:
            return queryset.none()
        queryset = queryset.filter(category=category)
    words = terms(text)[:MAX_TERMS]
    for word in words:
        queryset = queryset.filter(search_text__contains=word)

    services = Service.objects.filter(business=OuterRef("pk"), is_active=True).order_by()
    return queryset.annotate(
        relevance=_relevance(words, " ".join(words)),
        # "From" prices ignore free services (a free consultation is not a price).
        min_price=Subquery(
            services.filter(price__gt=0)
            .values("business")
            .annotate(value=Min("price"))
            .values("value")[:1],
            output_field=DecimalField(max_digits=8, decimal_places=2),
        ),
        service_count=Subquery(
            services.values("business").annotate(value=Count("pk")).values("value")[:1]
        ),
    ).order_by("-relevance", "search_name", "pk")


@dataclass(frozen=True)
class ServiceSection:
    """A heading of the price list and its services; `title` is None for uncategorised ones."""

    title: str | None
    services: list[Service]


@dataclass(frozen=True)
class DayHours:
    weekday: int
    label: str
    ranges: list[TimeRange]

    @property
    def is_closed(self) -> bool:
        return not self.ranges


@dataclass(frozen=True)
class BusinessDetail:
    business: Business
    sections: list[ServiceSection]
    staff: list[StaffMember]
    opening_hours: list[DayHours]
    closures: list[Closure]
    min_price: Decimal | None = field(default=None)

    @property
    def service_count(self) -> int:
        return sum(len(section.services) for section in self.sections)


def opening_hours(ranges_by_day: dict[int, list[TimeRange]]) -> list[DayHours]:
    """Monday to Sunday, each day's ranges merged (the salon is open when anyone works)."""
    return [
        DayHours(weekday=day, label=str(label), ranges=merge_ranges(ranges_by_day.get(day, [])))
        for day, label in WorkingHours.Weekday.choices
    ]


def business_detail(*, slug: str, now: datetime) -> BusinessDetail:
    """Everything the salon page shows, in five queries.

    Raises `Business.DoesNotExist` for an unknown or unpublished salon. Closures are listed
    from `now`'s date in the salon's time zone, for the next 90 days.
    """
    business = Business.objects.get(slug=slug, is_active=True)
    today = now.astimezone(ZoneInfo(business.timezone)).date()

    services = list(
        Service.objects.filter(business=business, is_active=True)
        .select_related("category")
        .order_by("category__position", "category__name", "position", "name", "pk")
    )
    sections: list[ServiceSection] = []
    uncategorised: list[Service] = []
    for service in services:
        if service.category is None:
            uncategorised.append(service)
        elif sections and sections[-1].title == service.category.name:
            sections[-1].services.append(service)
        else:
            sections.append(ServiceSection(title=service.category.name, services=[service]))
    if uncategorised:
        sections.append(ServiceSection(title=None, services=uncategorised))

    staff = list(business.staff.filter(is_active=True).order_by("position", "display_name"))

    ranges_by_day: dict[int, list[tuple[time, time]]] = {}
    for weekday, start, end in WorkingHours.objects.filter(
        staff__business=business, staff__is_active=True
    ).values_list("weekday", "start", "end"):
        ranges_by_day.setdefault(weekday, []).append((start, end))

    closures = list(
        Closure.objects.filter(
            business=business,
            end_date__gte=today,
            start_date__lte=today + timedelta(days=CLOSURES_AHEAD_DAYS),
        ).order_by("start_date")
    )
    prices = [s.price for s in services if s.price > 0]
    return BusinessDetail(
        business=business,
        sections=sections,
        staff=staff,
        opening_hours=opening_hours(ranges_by_day),
        closures=closures,
        min_price=min(prices) if prices else None,
    )


@dataclass(frozen=True)
class CityEntry:
    city: str
    city_slug: str
    count: int


def cities_with_salons(*, limit: int = 8) -> list[CityEntry]:
    """The cities with the most published salons, for the home page's shortcuts."""
    rows = (
        Business.objects.filter(is_active=True)
        .values("city_slug")
        .annotate(count=Count("pk"), city=Min("city"))
        .order_by("-count", "city_slug")[:limit]
    )
    return [CityEntry(city=r["city"], city_slug=r["city_slug"], count=r["count"]) for r in rows]


def city_name(*, city_slug: str) -> str | None:
    """The display name of a city that has published salons, or None."""
    return (
        Business.objects.filter(is_active=True, city_slug=city_slug)
        .order_by()
        .values_list("city", flat=True)
        .first()
    )
