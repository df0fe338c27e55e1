"""Reads of the catalogue used by the public site (and later the API)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Expression,
    IntegerField,
    Min,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.text import slugify

from creneau.catalog.hours import TimeRange, merge_ranges
from creneau.catalog.models import (
    Business,
    BusinessCategory,
    Closure,
    SalonPhoto,
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


def _relevance(words: list[str], phrase: str) -> Expression:
    """A score where matches in the salon's name weigh more than matches in its services.

    Every word is known to be in `search_text` (the filter makes sure), so each one scores 1,
    or 2 when it is in the name; the whole query as the name, or inside it, scores more.
    """
    if not words:
        return Value(0, output_field=IntegerField())
    score: Expression = Case(
        When(search_name=phrase, then=Value(10)),
        When(search_name__startswith=phrase, then=Value(6)),
        When(search_name__contains=phrase, then=Value(4)),
        default=Value(0),
        output_field=IntegerField(),
    )
    for word in words:
        score = score + Case(
            When(search_name__contains=word, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return score


def _where(where: str) -> Q:
    """The condition for a city ("Saint-Étienne", "saint etienne") or postcode ("69", "69003").

    Both use an index: a postcode prefix becomes a range ("69" is 69000 to 69999), and a city
    is matched exactly on its slug. Only when no salon has that exact city is it read as the
    start of a city's name ("mars" for Marseille), which needs a scan.
    """
    compact = where.replace(" ", "")
    if _POSTCODE_PREFIX.match(compact):
        if len(compact) == 5:
            return Q(postcode=compact)
        upper = str(int(compact) + 1).zfill(len(compact))
        if len(upper) > len(compact):  # "99" has no next prefix of its length
            return Q(postcode__gte=compact)
        return Q(postcode__gte=compact, postcode__lt=upper)
    slug = slugify(where)
    if not slug:
        return Q(pk__in=[])
    if Business.objects.filter(city_slug=slug, is_active=True).exists():
        return Q(city_slug=slug)
    return Q(city_slug__startswith=slug)


# What a results card shows; the long columns (description, search text) stay in the table.
RESULT_FIELDS = [
    "name",
    "cover_key",
    "slug",
    "category",
    "address",
    "postcode",
    "city",
    "city_slug",
    "search_name",
    "price_from",
    "service_count",
    # The cards show the average and the count of the visible reviews.
    "reviews_1",
    "reviews_2",
    "reviews_3",
    "reviews_4",
    "reviews_5",
    "latitude",
    "longitude",
]


def business_search(
    *,
    text: str = "",
    where: str = "",
    category: str = "",
    city_slug: str = "",
) -> QuerySet[Business]:
    """Published salons matching every given criterion, most relevant first, then by name.

    - `text`: words looked up, accents and case ignored, in salon names, cities and the names
      of bookable services; every word must match (as a part of a word: "coupe" finds
      "coupes").
    - `where`: a city ("Saint-Étienne", "saint etienne") or a postcode or its start ("69",
      "69003").
    - `category`: one of `BusinessCategory` values; an unknown value matches nothing.
    - `city_slug`: an exact city, as in the city page's address.

    Rows carry `relevance` and only the columns a results list needs (`RESULT_FIELDS`),
    including the derived `price_from` and `service_count`. A `where` that is a city name costs
    one indexed lookup when the queryset is built.
    """
    queryset = Business.objects.filter(is_active=True)
    where = where.strip()
    if where:
        queryset = queryset.filter(_where(where))
    if city_slug:
        queryset = queryset.filter(city_slug=city_slug)
    if category:
        if category not in BusinessCategory.values:
            return queryset.none()
        queryset = queryset.filter(category=category)
    words = terms(text)[:MAX_TERMS]
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    queryset = queryset.only(*RESULT_FIELDS).annotate(relevance=_relevance(words, " ".join(words)))
    if not words:
        # Without text every salon is as relevant: the name order comes from an index.
        return queryset.order_by("search_name", "pk")
    return queryset.order_by("-relevance", "search_name", "pk")


def business_search_page(
    *, number: int | str = 1, per_page: int = 20, **criteria: str
) -> Page[Business]:
    """One page of `business_search(**criteria)`, in two queries whatever the criteria.

    The ordered ids of all matches are read once (one pass over the matching rows, where a
    COUNT plus a LIMIT/OFFSET query would make two: on SQLite a free-text search scans the
    table each time), then only the page's rows. Raises `InvalidPage` for a page number
    that is not a number or is past the end; page 1 of no results is an empty page.
    """
    ordered = business_search(**criteria)
    # A page of ids whose object_list becomes their rows below.
    page: Page[Any] = Paginator(list(ordered.values_list("pk", flat=True)), per_page).page(number)
    rows = {b.pk: b for b in ordered.order_by().filter(pk__in=page.object_list)}
    page.object_list = [rows[pk] for pk in page.object_list]
    return page


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
    photos: list[SalonPhoto] = field(default_factory=list)

    @property
    def service_count(self) -> int:
        return sum(len(section.services) for section in self.sections)


def opening_hours(ranges_by_day: dict[int, list[TimeRange]]) -> list[DayHours]:
    """Monday to Sunday, each day's ranges merged (the salon is open when anyone works)."""
    return [
        DayHours(weekday=day, label=str(label), ranges=merge_ranges(ranges_by_day.get(day, [])))
        for day, label in WorkingHours.Weekday.choices
    ]


def business_detail(
    *, now: datetime, slug: str | None = None, business: Business | None = None
) -> BusinessDetail:
    """Everything the salon page shows, in six queries (five for a `business` already read).

    Raises `Business.DoesNotExist` for an unknown or unpublished salon. Closures are listed
    from `now`'s date in the salon's time zone, for the next 90 days.
    """
    if business is None:
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
        photos=list(business.photos.all()),
    )


@dataclass(frozen=True)
class CityEntry:
    city: str
    city_slug: str
    count: int


def cities_with_salons(*, limit: int = 8) -> list[CityEntry]:
    """The cities with the most published salons, for the home page's shortcuts.

    Two queries: the counts come from the published-city index alone (no table read), then
    one salon per city, fetched by primary key, gives each city's display name.
    """
    rows = list(
        Business.objects.filter(is_active=True)
        .values("city_slug")
        .annotate(count=Count("pk"), any_pk=Min("pk"))
        .order_by("-count", "city_slug")[:limit]
    )
    names = dict(
        Business.objects.filter(pk__in=[r["any_pk"] for r in rows]).values_list("pk", "city")
    )
    return [
        CityEntry(city=names[r["any_pk"]], city_slug=r["city_slug"], count=r["count"]) for r in rows
    ]


def city_name(*, city_slug: str) -> str | None:
    """The display name of a city that has published salons, or None."""
    return (
        Business.objects.filter(is_active=True, city_slug=city_slug)
        .order_by()
        .values_list("city", flat=True)
        .first()
    )
