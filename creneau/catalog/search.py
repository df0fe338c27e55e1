"""The salon search behind the one search line: criteria from the line (`understanding`) and
the separate fields, the results page, and what to offer when nothing matches."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Avg,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
    Value,
)
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from creneau.catalog import lexicon
from creneau.catalog.models import Business, BusinessCategory
from creneau.catalog.search_match import words_condition
from creneau.catalog.selectors import RESULT_FIELDS, _relevance, _where
from creneau.catalog.understanding import Place, Understanding, search_line_read

StrOrPromise = str | Promise

MAX_ALTERNATIVES = 3
NEARBY_CITIES = 2

# How the service filter names each usual service (lexicon.USUAL_SERVICES) to visitors.
USUAL_SERVICE_LABELS: dict[str, StrOrPromise] = {
    "coupe": _("Haircut"),
    "coupe homme": _("Men's haircut"),
    "brushing": _("Blow-dry"),
    "couleur": _("Colour"),
    "balayage": _("Balayage"),
    "barbe": _("Beard"),
    "rasage": _("Shave"),
    "sourcils": _("Eyebrows"),
    "cils": _("Lashes"),
    "soin": _("Treatment"),
    "maquillage": _("Make-up"),
    "manucure": _("Manicure"),
    "semi permanent": _("Semi-permanent polish"),
    "gel": _("Gel nails"),
    "massage": _("Massage"),
    "modelage": _("Body massage"),
    "hammam": _("Hammam"),
    "gommage": _("Body scrub"),
}


@dataclass(frozen=True)
class Criteria:
    """Everything a search asks, from the line and the separate fields together."""

    words: tuple[str, ...] = ()
    category: str = ""
    also_service: str = ""
    place: Place | None = None
    where: str = ""  # the separate "where" field, as typed
    city_slug: str = ""  # a city page's city
    phrase: str = ""  # ranks a salon named as typed first
    service: str = ""  # a usual service (lexicon.USUAL_SERVICES) the salons must offer

    @property
    def service_is_typed(self) -> bool:
        """The service is what the line's words name (`typed_usual_service`): it goes with them."""
        return bool(self.service) and self.service == " ".join(self.words)

    def without_words(self) -> Criteria:
        return replace(self, words=(), service="" if self.service_is_typed else self.service)

    def line(self) -> str:
        """A search line that asks the same (the `where` field aside), for links."""
        parts = []
        if self.category:
            parts.append(lexicon.CATEGORY_QUERY_WORD[self.category])
        parts.extend(self.words)
        if self.place is not None:
            if self.place.arrondissement is not None:
                parts.append(f"{self.place.city} {self.place.arrondissement}e")
            elif self.place.postcodes:
                parts.append(self.place.postcodes[0])
            else:
                parts.append(self.place.city or self.place.postcode_prefix)
        return " ".join(parts)


@dataclass(frozen=True)
class Alternative:
    """Another search worth offering: what it asks, as a line and fields, and its count."""

    criteria: Criteria
    count: int
    reason: str  # "without_words", "whole_city", "nearby_city", "any_type"


@dataclass
class SalonSearch:
    understanding: Understanding
    criteria: Criteria
    page: Page[Business]
    alternatives: list[Alternative] = field(default_factory=list)
    # Where distances are measured from: the visitor's position or the searched place's centre.
    origin: tuple[float, float] | None = None


def search_criteria(
    *, understanding: Understanding, where: str = "", category: str = "", city_slug: str = ""
) -> Criteria:
    """The line's reading combined with the separate fields: all of them must hold."""
    line_category = understanding.category
    return Criteria(
        words=tuple(understanding.words),
        category=category or line_category,
        # A type chosen in the field is a filter of its own; the line's word also finds the
        # salons that sell it only when the type came from the line.
        also_service=understanding.also_service if category in ("", line_category) else "",
        place=understanding.place,
        where=where.strip(),
        city_slug=city_slug,
        phrase=understanding.phrase,
    )


def _place_condition(place: Place) -> Q:
    condition = Q()
    if place.city_slug:
        condition &= Q(city_slug=place.city_slug)
    if place.postcodes:
        condition &= Q(postcode__in=place.postcodes)
    if place.postcode_prefix:
        condition &= _where(place.postcode_prefix)
    return condition


def salons_matching(criteria: Criteria) -> QuerySet[Business]:
    """Published salons that meet every criterion, most relevant first, then by name."""
    queryset = Business.objects.filter(is_active=True)
    if criteria.where:
        queryset = queryset.filter(_where(criteria.where))
    if criteria.city_slug:
        queryset = queryset.filter(city_slug=criteria.city_slug)
    if criteria.place is not None:
        queryset = queryset.filter(_place_condition(criteria.place))
    if criteria.category:
        if criteria.category not in BusinessCategory.values:
            return queryset.none()
        condition = Q(category=criteria.category)
        if criteria.also_service:
            condition |= Q(search_text__contains=criteria.also_service)
        queryset = queryset.filter(condition)
    words = list(criteria.words)
    if words:
        queryset = queryset.filter(words_condition(words))
    if criteria.service:
        queryset = queryset.filter(words_condition(criteria.service.split()))
    queryset = queryset.only(*RESULT_FIELDS).annotate(
        relevance=_relevance(words, criteria.phrase or " ".join(words))
    )
    if not words:
        return queryset.order_by("search_name", "pk")
    return queryset.order_by("-relevance", "search_name", "pk")


Refine = Callable[[QuerySet[Business]], QuerySet[Business]]


def _page(
    criteria: Criteria, number: int | str, per_page: int, refine: Refine | None
) -> Page[Business]:
    # As business_search_page: the ordered ids in one pass, then this page's rows.
    ordered = salons_matching(criteria)
    if refine is not None:
        ordered = refine(ordered)
    # A page of ids whose object_list becomes their rows below.
    page: Page[Any] = Paginator(list(ordered.values_list("pk", flat=True)), per_page).page(number)
    rows = {b.pk: b for b in ordered.order_by().filter(pk__in=page.object_list)}
    page.object_list = [rows[pk] for pk in page.object_list]
    return page


def typed_usual_service(line: str) -> str:
    """The usual service (a key of `lexicon.USUAL_SERVICES`) that a line's words name and
    nothing more ("balayage paris", "coupe homme", "barbier rasage"), so the results can show
    that service's free times; "" otherwise, or when the line's type does not offer it."""
    understanding = search_line_read(line)
    key = " ".join(understanding.words)
    offered = (
        lexicon.USUAL_SERVICES.get(understanding.category, ())
        if understanding.category
        else lexicon.ALL_USUAL_SERVICES
    )
    return key if key in offered else ""


def salon_search(
    *,
    line: str = "",
    where: str = "",
    category: str = "",
    city_slug: str = "",
    number: int | str = 1,
    per_page: int = 20,
    refine: Refine | None = None,
    order: str = "",
    origin: tuple[float, float] | None = None,
    service: str = "",
) -> SalonSearch:
    """One page of the salons a typed line and the fields ask for, with what was understood.

        When nothing matches, `alternatives` holds up to three searches that do find salons: the
        same without the words, the whole city instead of one arrondissement or postcode, the same
        type in the nearest cities, any type in the place. `refine` narrows or orders the matches
    further (the bookings app passes availability this way). `order="distance"` puts the
    nearest first, from `origin` (the visitor's position, never stored) or else the centre of
    the searched place; each salon of the page then carries `distance_km`. `service` (a key
    of `lexicon.USUAL_SERVICES`, others are ignored) keeps the salons whose services hold its
    words; pass the same to the bookings app's refinement for that service's free times.
    Raises `InvalidPage`.
    """
    understanding = search_line_read(line)
    criteria = search_criteria(
        understanding=understanding, where=where, category=category, city_slug=city_slug
    )
    if service in lexicon.ALL_USUAL_SERVICES:
        criteria = replace(criteria, service=service)
    if order == "distance" and origin is None:
        origin = place_centre(criteria)
    if order == "distance" and origin is not None:
        refine = _nearest_first(origin, refine)
    page = _page(criteria, number, per_page, refine)
    if origin is not None:
        for business in page.object_list:
            business.distance_km = (  # type: ignore[attr-defined]  # for the results card
                distance_km(origin, (float(business.latitude), float(business.longitude)))
                if business.latitude is not None and business.longitude is not None
                else None
            )
    alternatives = alternatives_for(criteria) if page.paginator.count == 0 else []
    return SalonSearch(
        understanding=understanding,
        criteria=criteria,
        page=page,
        alternatives=alternatives,
        origin=origin,
    )


def place_centre(criteria: Criteria) -> tuple[float, float] | None:
    """The centre of the searched place (city, postcode, where): the mean position of its
    published salons. None without a place. One query."""
    if criteria.place is None and not criteria.where and not criteria.city_slug:
        return None
    place_only = Criteria(place=criteria.place, where=criteria.where, city_slug=criteria.city_slug)
    centre = (
        salons_matching(place_only)
        .order_by()
        .filter(latitude__isnull=False)
        .aggregate(lat=Avg("latitude"), lon=Avg("longitude"))
    )
    if centre["lat"] is None:
        return None
    return float(centre["lat"]), float(centre["lon"])


def _nearest_first(origin: tuple[float, float], refine: Refine | None) -> Refine:
    lat, lon = origin
    # An equirectangular approximation orders as the true distance does at a city's scale, and
    # both engines compute it without extensions; the shown figure is the great-circle one.
    scale = math.cos(math.radians(lat))
    north = ExpressionWrapper(F("latitude") - Value(lat), output_field=FloatField())
    east = ExpressionWrapper(
        (F("longitude") - Value(lon)) * Value(scale), output_field=FloatField()
    )

    def nearest(salons: QuerySet[Business]) -> QuerySet[Business]:
        if refine is not None:
            salons = refine(salons)
        return salons.annotate(away=north * north + east * east).order_by(
            F("away").asc(nulls_last=True), "search_name", "pk"
        )

    return nearest


def _centres(category: str = "") -> dict[str, tuple[float, float, str]]:
    """Each city's centre (the mean of its salons' coordinates) and name, by slug."""
    rows = Business.objects.filter(is_active=True, latitude__isnull=False)
    if category:
        rows = rows.filter(category=category)
    centres: dict[str, tuple[float, float, str]] = {}
    for slug, lat, lon, city in (
        rows.values("city_slug")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"), n=Count("pk"))
        .values_list("city_slug", "lat", "lon", "city")
        .order_by()
    ):
        centres.setdefault(slug, (float(lat), float(lon), city))
    return centres


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points, in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def alternatives_for(criteria: Criteria) -> list[Alternative]:
    """Searches near this one that find salons, the most useful first."""
    candidates: list[tuple[Criteria, str]] = []
    place = criteria.place
    if criteria.words and (criteria.category or place or criteria.where or criteria.city_slug):
        candidates.append((criteria.without_words(), "without_words"))
    if place is not None and place.city_slug and (place.postcodes or place.arrondissement):
        whole = Place(city_slug=place.city_slug, city=place.city)
        candidates.append((replace(criteria, place=whole), "whole_city"))
    if place is not None and place.city_slug and criteria.category:
        centres = _centres(criteria.category)
        everywhere = _centres()
        here = everywhere.get(place.city_slug)
        if here is not None:
            nearest = sorted(
                (distance_km(here[:2], centre[:2]), slug, centre[2])
                for slug, centre in centres.items()
                if slug != place.city_slug
            )[:NEARBY_CITIES]
            for _, slug, city in nearest:
                nearby = Place(city_slug=slug, city=city)
                candidates.append((replace(criteria.without_words(), place=nearby), "nearby_city"))
    if criteria.category and (place is not None or criteria.where or criteria.city_slug):
        candidates.append((replace(criteria, category="", also_service=""), "any_type"))
    found: list[Alternative] = []
    for candidate, reason in candidates:
        count = salons_matching(candidate).count()
        if count:
            found.append(Alternative(criteria=candidate, count=count, reason=reason))
        if len(found) == MAX_ALTERNATIVES:
            break
    return found
