"""My bookings: create (idempotent), list, detail, cancel, move, calendar file.

Every endpoint reads the booking through `booking_of_customer`, so a reference of someone
else's booking is "not found", exactly like one that does not exist. Creating, cancelling and
moving call the bookings services, which hold every rule (verified e-mail, notice, horizon,
the salon's deadline, no double booking).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Header, Path, Query, Router, Schema, Status

from creneau.api.problems import ApiProblem, Problem, field_error
from creneau.api.ratelimit import rate_limit
from creneau.api.schemas import (
    REFERENCE_PATTERN,
    SLUG_PATTERN,
    BodyId,
    Money,
    Page,
    PageQuery,
    PlausibleAwareDatetime,
    money,
)
from creneau.api.security import CustomerRequest, customer_auth
from creneau.bookings.availability import salon_offer
from creneau.bookings.history import booking_history
from creneau.bookings.ics import booking_ics
from creneau.bookings.models import Booking, BookingSource, BookingStatus
from creneau.bookings.selectors import booking_of_customer, customer_bookings_split
from creneau.bookings.services import (
    NOTE_MAX,
    booking_cancel,
    booking_create,
    booking_reschedule,
)
from creneau.catalog.models import Business

router = Router(tags=["bookings"], auth=customer_auth)

ReferencePath = Annotated[
    str, Path(pattern=REFERENCE_PATTERN, description="The booking's reference, e.g. K7QX3M2A.")
]
IdempotencyKey = Annotated[
    str,
    Header(
        alias="Idempotency-Key",
        pattern=r"^[\x21-\x7e]{1,64}$",
        description="Chosen by the app for this booking (e.g. a UUID); resending the same "
        "request with the same key returns the same booking.",
    ),
]

_AUTH = {401: Problem}
_CHANGE_ERRORS = {403: Problem, 409: Problem, 422: Problem, 429: Problem, 503: Problem}


# --- Shapes ---------------------------------------------------------------------------------------


class BookingSalonOut(Schema):
    slug: str
    name: str
    address: str
    postcode: str
    city: str
    phone: str
    timezone: str


class BookingStaffOut(Schema):
    id: int
    display_name: str


class BookedServiceOut(Schema):
    service_id: int | None = Field(description="Null once the salon has removed the service.")
    name: str
    duration_minutes: int
    price: Money = Field(description="As it was when booked.")


class BookingOut(Schema):
    reference: str
    status: BookingStatus
    source: BookingSource
    salon: BookingSalonOut
    staff: BookingStaffOut
    start: datetime = Field(description="In the salon's time zone, with its offset.")
    end: datetime
    services: list[BookedServiceOut]
    total_price: Money
    change_deadline: datetime = Field(
        description="Until then the booking can be cancelled or moved online."
    )
    changeable: bool = Field(description="It can be cancelled or moved online now.")
    created_at: datetime
    cancelled_at: datetime | None
    note: str = Field(description="The customer's note for the salon, as given when booking.")
    calendar_url: str = Field(description="The booking as an iCalendar file (.ics).")


class BookingPage(Page[BookingOut]):
    pass


class BookingCreateIn(Schema):
    salon: str = Field(pattern=SLUG_PATTERN, description="The salon's slug.")
    services: list[BodyId] = Field(
        min_length=1, max_length=10, description="Service ids, done back to back in this order."
    )
    staff: BodyId | None = Field(None, description="A staff id; null for anyone free.")
    start: PlausibleAwareDatetime = Field(
        description="A start offered by the availability, with offset."
    )
    note: str = Field(
        "",
        max_length=NOTE_MAX,
        description="What the customer wants the salon to know (an allergy, a request); "
        "the salon sees it with the booking.",
    )


class BookingMoveIn(Schema):
    start: PlausibleAwareDatetime = Field(description="A new start offered by the availability.")
    staff: BodyId | None = Field(None, description="A staff id; null for anyone free.")


class When(StrEnum):
    upcoming = "upcoming"
    past = "past"
    all = "all"


class BookingListQuery(PageQuery):
    when: When = Field(
        When.all,
        description="upcoming (active, soonest first), past (the rest, most recent first) or "
        "all (upcoming then past).",
    )


def booking_out(booking: Booking, now: datetime) -> BookingOut:
    business = booking.business
    tz = ZoneInfo(business.timezone)
    return BookingOut(
        reference=booking.reference,
        status=BookingStatus(booking.status),
        source=BookingSource(booking.source),
        salon=BookingSalonOut(
            slug=business.slug,
            name=business.name,
            address=business.address,
            postcode=business.postcode,
            city=business.city,
            phone=str(business.phone or ""),
            timezone=business.timezone,
        ),
        staff=BookingStaffOut(id=booking.staff_id, display_name=booking.staff.display_name),
        start=booking.start.astimezone(tz),
        end=booking.end.astimezone(tz),
        services=[
            BookedServiceOut(
                service_id=line.service_id,
                name=line.name,
                duration_minutes=line.duration_minutes,
                price=money(line.price),
            )
            for line in booking.lines.all()
        ],
        total_price=money(booking.total_price),
        change_deadline=booking.change_deadline().astimezone(tz),
        changeable=booking.is_changeable_by_customer(now),
        created_at=booking.created_at.astimezone(tz),
        cancelled_at=booking.cancelled_at.astimezone(tz) if booking.cancelled_at else None,
        note=booking.customer_note,
        calendar_url=settings.SITE_URL
        + reverse("api-v1:booking_calendar", kwargs={"reference": booking.reference}),
    )


def _own_booking(request: CustomerRequest, reference: str) -> Booking:
    try:
        return booking_of_customer(customer=request.auth, reference=reference)
    except Booking.DoesNotExist:
        raise ApiProblem("not-found", "You have no booking with this reference.") from None


# --- Endpoints ------------------------------------------------------------------------------------


@router.post(
    "/bookings",
    response={201: BookingOut, **_AUTH, **_CHANGE_ERRORS},
    throttle=rate_limit("booking_write"),
    summary="Book",
)
def booking_new(
    request: CustomerRequest,
    payload: BookingCreateIn,
    idempotency_key: IdempotencyKey,
    response: HttpResponse,
) -> Status[BookingOut]:
    """Book the services at `start`, with `staff` or anyone free. 409 `slot-taken` when someone
    was quicker; 422 `slot-unavailable` for a time the salon does not offer."""
    business = Business.objects.filter(slug=payload.salon, is_active=True).first()
    if business is None:
        raise field_error("body.salon", "There is no salon with this slug.")
    offer = salon_offer(business)
    unknown = [pk for pk in payload.services if pk not in offer.services]
    if unknown:
        raise field_error("body.services", f"Not a service of this salon: {unknown[0]}.")
    staff = None
    if payload.staff is not None:
        staff = offer.staff.get(payload.staff)
        if staff is None:
            raise field_error("body.staff", "Not a staff member of this salon.")
    services = [offer.services[pk] for pk in payload.services]

    booking = booking_create(
        customer=request.auth,
        business=business,
        services=services,
        start=payload.start,
        staff=staff,
        source=Booking.Source.APP,
        idempotency_key=idempotency_key,
        note=payload.note,
    )
    response["Location"] = reverse("api-v1:booking_detail", kwargs={"reference": booking.reference})
    return Status(201, booking_out(booking, timezone.now()))


@router.get(
    "/bookings",
    response={200: BookingPage, **_AUTH, 422: Problem},
    summary="My bookings",
)
def booking_list(request: CustomerRequest, query: Query[BookingListQuery]) -> BookingPage:
    now = timezone.now()
    upcoming, past = customer_bookings_split(customer=request.auth, now=now)
    chosen = {When.upcoming: upcoming, When.past: past, When.all: upcoming + past}[query.when]
    window = chosen[query.offset : query.offset + query.limit]
    return BookingPage(
        items=[booking_out(b, now) for b in window],
        total=len(chosen),
        limit=query.limit,
        offset=query.offset,
    )


@router.get(
    "/bookings/{reference}",
    response={200: BookingOut, **_AUTH, 404: Problem, 422: Problem},
    url_name="booking_detail",
    summary="One of my bookings",
)
def booking_detail(request: CustomerRequest, reference: ReferencePath) -> BookingOut:
    return booking_out(_own_booking(request, reference), timezone.now())


@router.post(
    "/bookings/{reference}/cancel",
    response={200: BookingOut, **_AUTH, 404: Problem, **_CHANGE_ERRORS},
    throttle=rate_limit("booking_write"),
    summary="Cancel one of my bookings",
)
def booking_cancel_endpoint(request: CustomerRequest, reference: ReferencePath) -> BookingOut:
    """Until the salon's deadline (`change_deadline`); after it, 409 `deadline-passed`."""
    booking = booking_cancel(booking=_own_booking(request, reference), actor=request.auth)
    return booking_out(booking, timezone.now())


@router.post(
    "/bookings/{reference}/reschedule",
    response={200: BookingOut, **_AUTH, 404: Problem, **_CHANGE_ERRORS},
    throttle=rate_limit("booking_write"),
    summary="Move one of my bookings",
)
def booking_move(
    request: CustomerRequest, reference: ReferencePath, payload: BookingMoveIn
) -> BookingOut:
    """Same services, a new start (and staff member, or anyone free). Until the salon's
    deadline; the booking stays where it was if the new time cannot be had."""
    booking = _own_booking(request, reference)
    staff = None
    if payload.staff is not None:
        staff = salon_offer(booking.business).staff.get(payload.staff)
        if staff is None:
            raise field_error("body.staff", "Not a staff member of this salon.")
    moved = booking_reschedule(
        booking=booking, actor=request.auth, start=payload.start, staff=staff
    )
    return booking_out(moved, timezone.now())


@router.get(
    "/bookings/{reference}/calendar.ics",
    response={**_AUTH, 404: Problem, 422: Problem},
    url_name="booking_calendar",
    summary="One of my bookings as a calendar file",
    openapi_extra={
        "responses": {
            200: {
                "description": "An iCalendar file (RFC 5545) with the booking as an event.",
                "content": {"text/calendar": {"schema": {"type": "string"}}},
            }
        }
    },
)
def booking_calendar(request: CustomerRequest, reference: ReferencePath) -> HttpResponse:
    booking = _own_booking(request, reference)
    answer = HttpResponse(booking_ics(booking), content_type="text/calendar; charset=utf-8")
    answer["Content-Disposition"] = f'attachment; filename="creneau-{booking.reference}.ics"'
    return answer


class BookingEventOut(Schema):
    code: str = Field(description="The event's code, as listed in docs/audit.md.")
    what: str = Field(description="The event, in the request's language.")
    who: str = Field(description='"you", the team member\'s display name, or the platform.')
    detail: str = Field(description="Times and staff member of a creation or a move.")
    at: datetime


@router.get(
    "/bookings/{reference}/history",
    response={200: list[BookingEventOut], **_AUTH, 404: Problem, 422: Problem},
    summary="The history of one of my bookings",
)
def booking_history_endpoint(
    request: CustomerRequest, reference: ReferencePath
) -> list[BookingEventOut]:
    """Every creation, move, cancellation and outcome, oldest first, as the booking's page
    shows them (the salon's own notes are not included)."""
    lines = booking_history(booking=_own_booking(request, reference), for_customer=True)
    return [
        BookingEventOut(
            code=line.code, what=line.what, who=line.who, detail=line.detail, at=line.at
        )
        for line in lines
    ]
