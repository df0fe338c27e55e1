"""Reviews: read a salon's, write my own after a visit, report one.

Every rule (a visit that took place, once, within 30 days; plain text, bounded) is in
`creneau.reviews.services`, shared with the site.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema, Status

from creneau.api.problems import PROBLEM_TYPES, ApiProblem, Problem, ProblemType
from creneau.api.ratelimit import rate_limit
from creneau.api.schemas import REFERENCE_PATTERN, SLUG_PATTERN, Id, Page, PageQuery
from creneau.api.security import CustomerRequest, customer_auth
from creneau.bookings.models import Booking
from creneau.bookings.selectors import booking_of_customer
from creneau.catalog.models import Business
from creneau.reviews.errors import ReviewError
from creneau.reviews.models import DISPLAY_NAME_MAX_LENGTH, TEXT_MAX_LENGTH, Review
from creneau.reviews.selectors import rating_summary, reviews_of_author, visible_reviews
from creneau.reviews.services import review_create, review_report

PROBLEM_TYPES.setdefault(
    "review-refused",
    ProblemType(
        "review-refused",
        422,
        _("This review cannot be written"),
        _(
            "Only the customer of a visit that took place (not a future, cancelled or missed "
            "appointment) can review it, once, within 30 days; or the text is too long. "
            "`detail` says which."
        ),
    ),
)

router = Router(tags=["reviews"])

SlugPath = Annotated[str, Path(pattern=SLUG_PATTERN, description="The salon's slug.")]


class ReviewOut(Schema):
    id: int
    rating: int = Field(ge=1, le=5)
    text: str
    shown_as: str = Field(description='The name the author chose; "" once the author is erased.')
    service: str
    visit_month: str = Field(description="YYYY-MM", examples=["2026-11"])
    written_at: datetime
    salon_reply: str
    replied_at: datetime | None


class ReviewPage(Page[ReviewOut]):
    average: str | None = Field(description="Average of the visible reviews, one decimal.")
    per_star: dict[str, int] = Field(description="How many reviews gave 1, 2, 3, 4, 5 stars.")


class MyReviewOut(ReviewOut):
    salon: str
    hidden: bool
    hidden_reason: str


class ReviewIn(Schema):
    booking: str = Field(pattern=REFERENCE_PATTERN, description="The visit's booking reference.")
    rating: int = Field(ge=1, le=5)
    text: str = Field("", max_length=TEXT_MAX_LENGTH)
    shown_as: str = Field(
        "",
        max_length=DISPLAY_NAME_MAX_LENGTH,
        description='Default: first name and initial, e.g. "Claire M."',
    )


class ReportIn(Schema):
    reason: str = Field(min_length=1, max_length=1000)


class ReportOut(Schema):
    received: bool


def _visit_month(value: date) -> str:
    return value.strftime("%Y-%m")


def review_out(review: Review) -> ReviewOut:
    return ReviewOut(
        id=review.pk,
        rating=review.rating,
        text=review.text,
        shown_as=review.display_name,
        service=review.service_name,
        visit_month=_visit_month(review.visit_month),
        written_at=review.created_at,
        salon_reply=review.reply_text,
        replied_at=review.replied_at,
    )


def _refused(error: ReviewError) -> ApiProblem:
    if error.status == 404:
        return ApiProblem("not-found", error.message)
    return ApiProblem("review-refused", error.message)


@router.get(
    "/salons/{slug}/reviews",
    response={200: ReviewPage, 404: Problem, 422: Problem},
    summary="A salon's reviews",
    auth=None,
)
def salon_review_list(request: HttpRequest, slug: SlugPath, query: Query[PageQuery]) -> ReviewPage:
    """The visible reviews, newest first, with the average and the count per star."""
    business = Business.objects.filter(slug=slug, is_active=True).first()
    if business is None:
        raise ApiProblem("not-found", "There is no salon with this slug.")
    summary = rating_summary(business=business)
    window = visible_reviews(business=business)[query.offset : query.offset + query.limit]
    return ReviewPage(
        items=[review_out(r) for r in window],
        total=summary.count,
        limit=query.limit,
        offset=query.offset,
        average=str(summary.average) if summary.average is not None else None,
        per_star={str(stars): n for stars, n in sorted(summary.per_star.items())},
    )


@router.post(
    "/me/reviews",
    response={201: ReviewOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem, 429: Problem},
    auth=customer_auth,
    throttle=rate_limit("booking_write"),
    summary="Review one of my visits",
)
def my_review_new(request: CustomerRequest, payload: ReviewIn) -> Status[ReviewOut]:
    """Once per visit that took place, within 30 days of it."""
    try:
        booking = booking_of_customer(customer=request.auth, reference=payload.booking)
    except Booking.DoesNotExist:
        raise ApiProblem("not-found", "You have no booking with this reference.") from None
    try:
        review = review_create(
            booking=booking,
            author=request.auth,
            rating=payload.rating,
            text=payload.text,
            display_name=payload.shown_as,
            now=timezone.now(),
        )
    except ReviewError as error:
        raise _refused(error) from None
    return Status(201, review_out(review))


@router.get(
    "/me/reviews",
    response={200: list[MyReviewOut], 401: Problem},
    auth=customer_auth,
    summary="My reviews",
)
def my_review_list(request: CustomerRequest) -> list[MyReviewOut]:
    return [
        MyReviewOut(
            **review_out(r).dict(),
            salon=r.business.name,
            hidden=r.hidden_at is not None,
            hidden_reason=r.hidden_reason,
        )
        for r in reviews_of_author(user=request.auth)
    ]


@router.post(
    "/reviews/{review_id}/report",
    response={202: ReportOut, 403: Problem, 404: Problem, 422: Problem, 429: Problem},
    auth=None,
    throttle=rate_limit("booking_write"),
    summary="Report a review to the moderators",
)
def review_report_endpoint(
    request: HttpRequest, review_id: Annotated[Id, Path()], payload: ReportIn
) -> Status[ReportOut]:
    review = Review.objects.filter(pk=review_id, hidden_at__isnull=True).first()
    if review is None:
        raise ApiProblem("not-found", "There is no such review.")
    try:
        # The service keeps no reporter for a caller who is not logged in.
        reporter = request.user if request.user.is_authenticated else None
        review_report(review=review, reason=payload.reason, reporter=reporter)
    except ReviewError as error:
        raise _refused(error) from None
    return Status(202, ReportOut(received=True))
