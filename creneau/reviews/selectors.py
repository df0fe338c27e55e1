"""Reads of reviews shared by the site, the back office and the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet

from creneau.accounts.models import User
from creneau.bookings.models import Booking
from creneau.catalog.models import Business
from creneau.catalog.permissions import SALON_MANAGE, membership_required
from creneau.reviews.models import Review
from creneau.reviews.services import HONOURED, REVIEW_WINDOW


@dataclass(frozen=True)
class RatingSummary:
    """The visible reviews of a salon: how many, their average, and how many per star."""

    count: int = 0
    average: Decimal | None = None  # one decimal, None without any review
    per_star: dict[int, int] = field(default_factory=lambda: dict.fromkeys(range(5, 0, -1), 0))

    def star_rows(self) -> list[tuple[int, int, int]]:
        """(stars, count, percent of all) from 5 down to 1, for the bars of the salon page."""
        return [
            (stars, n, round(100 * n / self.count) if self.count else 0)
            for stars, n in self.per_star.items()
        ]


def _rounded(value: float | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def visible_reviews(*, business: Business) -> QuerySet[Review]:
    """A salon's reviews shown to the public, newest first."""
    return Review.objects.filter(business=business, hidden_at__isnull=True).order_by(
        "-created_at", "-pk"
    )


def rating_summary(*, business: Business) -> RatingSummary:
    """Count, average and count per star of the salon's visible reviews (hidden ones never
    count), from the counts kept on its row: no query."""
    per_star = {stars: getattr(business, f"reviews_{stars}") for stars in range(5, 0, -1)}
    count = sum(per_star.values())
    total = sum(stars * n for stars, n in per_star.items())
    return RatingSummary(
        count=count,
        average=_rounded(total / count) if count else None,
        per_star=per_star,
    )


def rating_counted(*, business: Business) -> RatingSummary:
    """The same figures counted from the reviews themselves (checks, repairs)."""
    per_star = dict.fromkeys(range(5, 0, -1), 0)
    for row in (
        Review.objects.filter(business=business, hidden_at__isnull=True)
        .values("rating")
        .annotate(n=Count("pk"))
    ):
        per_star[row["rating"]] = row["n"]
    count = sum(per_star.values())
    total = sum(stars * n for stars, n in per_star.items())
    return RatingSummary(
        count=count, average=_rounded(total / count) if count else None, per_star=per_star
    )


def reviewable_bookings(*, user: User, now: datetime) -> QuerySet[Booking]:
    """The customer's visits they may review now: honoured, ended within the window, not
    reviewed yet."""
    return (
        Booking.objects.filter(
            customer=user,
            status__in=HONOURED,
            end__lte=now,
            end__gte=now - REVIEW_WINDOW,
            review__isnull=True,
        )
        .select_related("business")
        .order_by("-start")
    )


def salon_reviews(*, actor: User, business: Business) -> QuerySet[Review]:
    """Every review of a salon for its back office, hidden ones included (with why): for its
    owners and managers only (NotAllowed otherwise)."""
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    return Review.objects.filter(business=business).order_by("-created_at", "-pk")


def reviews_of_author(*, user: User) -> QuerySet[Review]:
    return Review.objects.filter(author=user).select_related("business").order_by("-created_at")
