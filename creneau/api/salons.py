"""Salons: search, detail, and free times (the same engine and rules as the site)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from datetime import date as Date
from typing import Annotated
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from pydantic import ConfigDict

from creneau.api.problems import ApiProblem, Problem, field_error
from creneau.api.schemas import (
    SLUG_PATTERN,
    Id,
    Money,
    Page,
    PageQuery,
    PlainText,
    PlausibleDate,
    money,
)
from creneau.bookings.availability import availability_for, salon_offer
from creneau.catalog.models import Business, BusinessCategory
from creneau.catalog.search import salons_matching, search_criteria
from creneau.catalog.selectors import business_detail, business_search
from creneau.catalog.text import terms
from creneau.catalog.understanding import search_line_read

router = Router(tags=["salons"])

SlugPath = Annotated[str, Path(pattern=SLUG_PATTERN, description="The salon's slug.")]
# A longer range costs more to compute than an app needs to show at once.
MAX_AVAILABILITY_DAYS = 31


# --- Search ---------------------------------------------------------------------------------------


class SalonSummary(Schema):
    slug: str
    name: str
    category: BusinessCategory
    address: str
    postcode: str
    city: str
    city_slug: str
    price_from: Money | None = Field(description="The lowest price of its services.")
    service_count: int
    url: str = Field(description="The salon's page on the site.")


class SalonPage(Page[SalonSummary]):
    pass


class SalonSearch(PageQuery):
    q: PlainText = Field(
        "",
        description="One line as people type it, read as on the site: salon type, place and "
        'words, typos allowed ("coiffeur paris 10e", "barbier à Lyon", "balayage 75011").',
    )
    text: PlainText = Field("", description="Words in the salon's name, city or services.")
    where: PlainText = Field(
        "", description='A city ("Saint-Étienne") or postcode ("69", "69003").'
    )
    city: Annotated[str, Field(pattern=r"^[-a-z0-9]{0,100}$")] = Field(
        "", description='A city slug, exactly ("paris").'
    )
    category: BusinessCategory | None = None


def _summary(business: Business) -> SalonSummary:
    return SalonSummary(
        slug=business.slug,
        name=business.name,
        category=BusinessCategory(business.category),
        address=business.address,
        postcode=business.postcode,
        city=business.city,
        city_slug=business.city_slug,
        price_from=money(business.price_from),
        service_count=business.service_count,
        url=f"{settings.SITE_URL}{business.get_absolute_url()}",
    )


@router.get("/salons", response={200: SalonPage, 422: Problem}, summary="Search salons")
def salon_search(request: HttpRequest, query: Query[SalonSearch]) -> SalonPage:
    """Published salons matching every criterion given, most relevant first."""
    category = query.category.value if query.category else ""
    if query.q:
        criteria = search_criteria(
            understanding=search_line_read(query.q),
            where=query.where,
            category=category,
            city_slug=query.city,
        )
        matches = salons_matching(replace(criteria, words=(*criteria.words, *terms(query.text))))
    else:
        matches = business_search(
            text=query.text, where=query.where, category=category, city_slug=query.city
        )
    # The ordered ids in one pass, then only this page's rows (see business_search_page).
    ids = list(matches.values_list("pk", flat=True))
    window = ids[query.offset : query.offset + query.limit]
    rows = matches.order_by().in_bulk(window)
    return SalonPage(
        items=[_summary(rows[pk]) for pk in window],
        total=len(ids),
        limit=query.limit,
        offset=query.offset,
    )


# --- Detail ---------------------------------------------------------------------------------------


class ServiceOut(Schema):
    id: int
    name: str
    description: str
    category: str | None = Field(description="The heading of the price list it is under.")
    duration_minutes: int
    price: Money
    staff_ids: list[int] = Field(description="Who performs it (ids of `staff`).")


class StaffOut(Schema):
    id: int
    display_name: str


class TimeRangeOut(Schema):
    start: time = Field(description="Local wall-clock time at the salon.")
    end: time


class DayHoursOut(Schema):
    weekday: int = Field(ge=0, le=6, description="0 is Monday.")
    label: str
    ranges: list[TimeRangeOut]


class ClosureOut(Schema):
    start_date: date
    end_date: date = Field(description="Included.")
    label: str


class BookingPolicyOut(Schema):
    slot_step_minutes: int
    min_notice_minutes: int
    horizon_days: int
    cancellation_deadline_hours: int = Field(
        description="Bookings can be cancelled or moved online until this many hours before."
    )


class SalonDetail(Schema):
    slug: str
    name: str
    category: BusinessCategory
    description: str
    address: str
    postcode: str
    city: str
    city_slug: str
    phone: str = Field(description="E.164, or empty.")
    timezone: str = Field(description="IANA time zone; every time of this salon is in it.")
    url: str
    policy: BookingPolicyOut
    services: list[ServiceOut]
    staff: list[StaffOut]
    opening_hours: list[DayHoursOut]
    closures: list[ClosureOut] = Field(description="The next 90 days.")


def _published(slug: str) -> Business:
    try:
        return Business.objects.get(slug=slug, is_active=True)
    except Business.DoesNotExist:
        raise ApiProblem("not-found", "There is no salon at this address.") from None


@router.get(
    "/salons/{slug}",
    response={200: SalonDetail, 404: Problem, 422: Problem},
    summary="A salon: services, staff, hours",
)
def salon_detail(request: HttpRequest, slug: SlugPath) -> SalonDetail:
    try:
        detail = business_detail(slug=slug, now=timezone.now())
    except Business.DoesNotExist:
        raise ApiProblem("not-found", "There is no salon at this address.") from None
    business = detail.business
    performers = salon_offer(business).performers
    return SalonDetail(
        slug=business.slug,
        name=business.name,
        category=BusinessCategory(business.category),
        description=business.description,
        address=business.address,
        postcode=business.postcode,
        city=business.city,
        city_slug=business.city_slug,
        phone=str(business.phone or ""),
        timezone=business.timezone,
        url=f"{settings.SITE_URL}{business.get_absolute_url()}",
        policy=BookingPolicyOut(
            slot_step_minutes=business.slot_step_minutes,
            min_notice_minutes=business.min_notice_minutes,
            horizon_days=business.horizon_days,
            cancellation_deadline_hours=business.cancellation_deadline_hours,
        ),
        services=[
            ServiceOut(
                id=service.pk,
                name=service.name,
                description=service.description,
                category=section.title,
                duration_minutes=service.duration_minutes,
                price=money(service.price),
                staff_ids=sorted(performers.get(service.pk, ())),
            )
            for section in detail.sections
            for service in section.services
        ],
        staff=[StaffOut(id=m.pk, display_name=m.display_name) for m in detail.staff],
        opening_hours=[
            DayHoursOut(
                weekday=day.weekday,
                label=day.label,
                ranges=[TimeRangeOut(start=start, end=end) for start, end in day.ranges],
            )
            for day in detail.opening_hours
        ],
        closures=[
            ClosureOut(start_date=c.start_date, end_date=c.end_date, label=c.label)
            for c in detail.closures
        ],
    )


# --- Availability ---------------------------------------------------------------------------------


class AvailabilityQuery(Schema):
    service: list[Id] = Field(
        min_length=1,
        max_length=10,
        description="One or more service ids, done back to back in this order.",
    )
    staff: Id | None = Field(None, description="A staff id; leave out for anyone.")
    start_date: PlausibleDate | None = Field(
        None, alias="from", description="First day (salon's time zone); today by default."
    )
    end_date: PlausibleDate | None = Field(
        None, alias="to", description=f"Last day, included; at most {MAX_AVAILABILITY_DAYS} days."
    )


class SlotOut(Schema):
    start: datetime = Field(description="With the salon's offset.")
    staff_ids: list[int] = Field(description="Who is free then; any of them can be booked.")


class DayOut(Schema):
    date: Date
    slots: list[SlotOut]


class AvailabilityOut(Schema):
    model_config = ConfigDict(populate_by_name=True)

    salon: str
    timezone: str
    services: list[int]
    staff: int | None
    start_date: date = Field(alias="from")
    end_date: date = Field(alias="to")
    duration_minutes: int
    price: Money
    days: list[DayOut]


@router.get(
    "/salons/{slug}/availability",
    response={200: AvailabilityOut, 404: Problem, 422: Problem},
    by_alias=True,
    summary="Free times for services, with someone or anyone",
)
def salon_availability(
    request: HttpRequest, slug: SlugPath, query: Query[AvailabilityQuery]
) -> AvailabilityOut:
    """Every start time at which the services can be booked, day by day. A time is offered,
    not held: booking it re-checks it."""
    business = _published(slug)
    offer = salon_offer(business)
    unknown = [pk for pk in query.service if pk not in offer.services]
    if unknown:
        raise field_error("query.service", f"Not a service of this salon: {unknown[0]}.")
    if len(set(query.service)) != len(query.service):
        raise field_error("query.service", "A service appears twice.")
    services = [offer.services[pk] for pk in query.service]
    staff = None
    if query.staff is not None:
        staff = offer.staff.get(query.staff)
        if staff is None:
            raise field_error("query.staff", "Not a staff member of this salon.")
        if staff not in offer.eligible(services):
            raise field_error(
                "query.staff", "This person does not perform all the chosen services."
            )
    now = timezone.now()
    tz = ZoneInfo(business.timezone)
    today = now.astimezone(tz).date()
    first = query.start_date or today
    last = query.end_date or first
    if last < first:
        raise field_error("query.to", "The last day is before the first day.")
    if (last - first).days >= MAX_AVAILABILITY_DAYS:
        raise field_error("query.to", f"At most {MAX_AVAILABILITY_DAYS} days at once.")
    if first < today - timedelta(days=1) or last > today + timedelta(days=366):
        raise field_error("query.from", "Ask for days between today and a year from now.")

    availability = availability_for(
        business=business,
        services=services,
        start_date=first,
        end_date=last,
        now=now,
        staff=staff,
        offer=offer,
    )
    by_day: dict[date, list[SlotOut]] = {}
    for start, staff_ids in availability.slots:
        local = start.astimezone(tz)
        by_day.setdefault(local.date(), []).append(SlotOut(start=local, staff_ids=list(staff_ids)))
    days = [
        DayOut(date=first + timedelta(days=i), slots=by_day.get(first + timedelta(days=i), []))
        for i in range((last - first).days + 1)
    ]
    return AvailabilityOut(  # type: ignore[call-arg]  # populate_by_name: field names work too
        salon=business.slug,
        timezone=business.timezone,
        services=[s.pk for s in services],
        staff=staff.pk if staff else None,
        start_date=first,
        end_date=last,
        duration_minutes=sum(s.duration_minutes for s in services),
        price=money(sum((s.price for s in services), start=0)),
        days=days,
    )
