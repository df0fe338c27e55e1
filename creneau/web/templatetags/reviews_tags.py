"""Review blocks for pages of other areas (salon page, search cards, my bookings), as
inclusion tags so those pages only add one line each."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from creneau.catalog.models import Business
from creneau.reviews.selectors import rating_summary, reviewable_bookings

register = template.Library()


def _salon_context(business: Business) -> dict[str, Any]:
    # Read once per page: the reviews block and the JSON-LD both need it.
    cached = getattr(business, "_reviews_context", None)
    if cached is None:
        from creneau.web.review_views import salon_reviews_context

        cached = salon_reviews_context(business)
        business._reviews_context = cached  # type: ignore[attr-defined]  # per-page cache on the row
    return cached


@register.inclusion_tag("web/reviews/_salon_reviews.html")
def salon_reviews(business: Business) -> dict[str, Any]:
    return {"business": business, **_salon_context(business)}


@register.inclusion_tag("web/reviews/_aggregate_rating.html")
def salon_aggregate_rating(business: Business) -> dict[str, Any]:
    return _salon_context(business)


@register.inclusion_tag("web/reviews/_rating_badge.html")
def rating_badge(business: Business) -> dict[str, Any]:
    return {"rating": rating_summary(business=business)}


@register.inclusion_tag("web/reviews/_to_review.html", takes_context=True)
def visits_to_review(context: template.Context) -> dict[str, Any]:
    user = context["request"].user
    if not user.is_authenticated:
        return {"to_review": []}
    return {"to_review": list(reviewable_bookings(user=user, now=timezone.now())[:10])}
