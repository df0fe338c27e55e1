"""My waitlist: join a salon's, see mine (with any time held for me), leave, and book a held
time. The rules are in `creneau.waitlist.services`, shared with the site."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Router, Schema, Status

from creneau.api.bookings import BookingOut, booking_out
from creneau.api.problems import PROBLEM_TYPES, ApiProblem, Problem, ProblemType, field_error
from creneau.api.ratelimit import rate_limit
from creneau.api.schemas import SLUG_PATTERN, BodyId, Id
from creneau.api.security import CustomerRequest, customer_auth
from creneau.bookings.availability import salon_offer
from creneau.catalog.models import Business
from creneau.waitlist.errors import WaitlistError
from creneau.waitlist.models import WaitlistEntry
from creneau.waitlist.selectors import customer_waitlist
from creneau.waitlist.services import waitlist_join, waitlist_leave, waitlist_offer_accept

for _slug, _status, _title, _description in (
    (
        "invalid-waitlist-entry",
        422,
        _("This waitlist entry is not valid"),
        _(
            "A service not offered, days that have passed, no day of the week, or too many "
            "entries at one salon. `detail` says which."
        ),
    ),
    (
        "offer-expired",
        409,
        _("This offer has expired"),
        _(
            "The time was held for a limited while and passed to the next person on the "
            "waitlist. The customer stays on the list."
        ),
    ),
    (
        "offer-taken",
        409,
        _("This time was booked by someone else"),
        _(
            "The hold keeps a time from the rest of the waitlist, not from the salon's other "
            "customers: someone booked it first. The customer stays on the list."
        ),
    ),
):
    PROBLEM_TYPES.setdefault(_slug, ProblemType(_slug, _status, _title, _description))

router = Router(tags=["waitlist"], auth=customer_auth)


class HeldOut(Schema):
    token: str = Field(description="Send it to the accept endpoint to book the time.")
    start: datetime
    staff: str
    held_until: datetime


class EntryOut(Schema):
    id: int
    salon: str
    services: list[int]
    staff: int | None
    first_day: date
    last_day: date
    weekdays: str = Field(description="Days of the week, Monday = 0: '5' for Saturdays.")
    earliest: time
    latest: time
    sms: bool
    joined_at: datetime
    held: list[HeldOut]


class EntryIn(Schema):
    salon: str = Field(pattern=SLUG_PATTERN)
    services: list[BodyId] = Field(min_length=1, max_length=10)
    staff: BodyId | None = None
    first_day: date
    last_day: date
    weekdays: str = Field("0123456", pattern=r"^[0-6]{1,7}$")
    earliest: time = time(0, 0)
    latest: time = time(23, 59)
    sms: bool = False


def entry_out(entry: WaitlistEntry) -> EntryOut:
    return EntryOut(
        id=entry.pk,
        salon=entry.business.slug,
        services=sorted(s.pk for s in entry.services.all()),
        staff=entry.staff_id,
        first_day=entry.first_day,
        last_day=entry.last_day,
        weekdays=entry.weekdays,
        earliest=entry.earliest,
        latest=entry.latest,
        sms=entry.sms,
        joined_at=entry.created_at,
        held=[
            HeldOut(
                token=o.token, start=o.start, staff=o.staff.display_name, held_until=o.expires_at
            )
            for o in getattr(entry, "held_offers", [])
        ],
    )


def _problem(error: WaitlistError) -> ApiProblem:
    slug = {
        "not_found": "not-found",
        "offer_expired": "offer-expired",
        "offer_taken": "offer-taken",
    }.get(error.code, "invalid-waitlist-entry")
    return ApiProblem(slug, error.message)


@router.get("/me/waitlist", response={200: list[EntryOut], 401: Problem}, summary="My waitlist")
def my_waitlist(request: CustomerRequest) -> list[EntryOut]:
    return [entry_out(e) for e in customer_waitlist(customer=request.auth)]


@router.post(
    "/me/waitlist",
    response={201: EntryOut, 401: Problem, 403: Problem, 422: Problem, 429: Problem},
    throttle=rate_limit("booking_write"),
    summary="Join a salon's waitlist",
)
def my_waitlist_join(request: CustomerRequest, payload: EntryIn) -> Status[EntryOut]:
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
    try:
        entry = waitlist_join(
            customer=request.auth,
            business=business,
            services=[offer.services[pk] for pk in payload.services],
            staff=staff,
            first_day=payload.first_day,
            last_day=payload.last_day,
            weekdays=payload.weekdays,
            earliest=payload.earliest,
            latest=payload.latest,
            sms=payload.sms,
        )
    except WaitlistError as error:
        raise _problem(error) from None
    entry = customer_waitlist(customer=request.auth).get(pk=entry.pk)
    return Status(201, entry_out(entry))


@router.delete(
    "/me/waitlist/{entry_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Leave a waitlist",
)
def my_waitlist_leave(request: CustomerRequest, entry_id: Annotated[Id, Path()]) -> Status[None]:
    entry = WaitlistEntry.objects.filter(pk=entry_id, customer=request.auth).first()
    if entry is None:
        raise ApiProblem("not-found", "You have no waitlist entry with this id.")
    waitlist_leave(entry=entry, customer=request.auth)
    return Status(204, None)


@router.post(
    "/me/waitlist/offers/{token}/accept",
    response={
        201: BookingOut,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
        422: Problem,
        429: Problem,
        503: Problem,
    },
    throttle=rate_limit("booking_write"),
    summary="Book a time held for me",
)
def my_waitlist_offer_accept(
    request: CustomerRequest, token: Annotated[str, Path(pattern=r"^[-_A-Za-z0-9]{1,64}$")]
) -> Status[BookingOut]:
    """Books through the usual booking rules; the same token sent twice books once. 409
    `offer-expired` after the hold, `offer-taken` when someone else booked the time."""
    try:
        booking = waitlist_offer_accept(token=token, customer=request.auth)
    except WaitlistError as error:
        raise _problem(error) from None
    return Status(201, booking_out(booking, timezone.now()))
