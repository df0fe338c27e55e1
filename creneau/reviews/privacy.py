"""Personal data of reviews: who wrote what, the name shown, reports and preferences.

Erasure of the author keeps the review's rating and text (they describe the salon, and the
average other customers rely on would otherwise change) but cuts every link to the person:
`author` is set to NULL, `display_name` blanked (the site shows "Former customer"), and the
link to the booking cut. Their reports lose their reporter, their preference is deleted. This
is what the privacy policy says. Reviews are deleted 3 years after they were written
(retention rule `old_reviews_purged`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, TypedDict

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from creneau.privacy.registry import NOT_PERSONAL as NO
from creneau.privacy.registry import (
    Basis,
    Category,
    ErasureContext,
    OnErasure,
    Rule,
    Text,
    personal,
    register,
    register_handlers,
    register_retention_rule,
)
from creneau.privacy.retention import declared_period
from creneau.reviews.models import Review, ReviewInvitation, ReviewPreference, ReviewReport
from creneau.reviews.services import ratings_recount

REVIEW_RETENTION = timedelta(days=3 * 365)
_RETENTION = _("3 years after it was written; the author's link is cut when they are erased")


class _Review(TypedDict):
    basis: Basis
    retention: Text
    period: timedelta


_review: _Review = dict(basis=Basis.CONSENT, retention=_RETENTION, period=REVIEW_RETENTION)
register(
    "reviews.Review",
    {
        "id": NO,
        "business": NO,
        "booking": personal(
            category=Category.BOOKING,
            purpose=_("prove the review is from a real visit"),
            on_erasure=OnErasure.PSEUDONYMISE,
            **_review,
        ),
        "author": personal(
            category=Category.IDENTITY,
            purpose=_("show the author their reviews; tell them of moderation"),
            on_erasure=OnErasure.PSEUDONYMISE,
            **_review,
        ),
        "display_name": personal(
            category=Category.IDENTITY,
            purpose=_("the name shown with the review, chosen by its author"),
            on_erasure=OnErasure.PSEUDONYMISE,
            **_review,
        ),
        "rating": personal(
            category=Category.PREFERENCES,
            purpose=_("the published review"),
            on_erasure=OnErasure.PSEUDONYMISE,
            **_review,
        ),
        "text": personal(
            category=Category.PREFERENCES,
            purpose=_("the published review"),
            on_erasure=OnErasure.PSEUDONYMISE,
            **_review,
        ),
        "service_name": NO,
        "visit_month": NO,
        "created_at": personal(
            category=Category.BOOKING,
            purpose=_("the published review; its retention"),
            on_erasure=OnErasure.PSEUDONYMISE,
            **_review,
        ),
        "reply_text": NO,  # the salon's words, not the customer's
        "replied_at": NO,
        "replied_by": personal(
            category=Category.IDENTITY,
            purpose=_("who answered for the salon"),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_RETENTION,
            on_erasure=OnErasure.PSEUDONYMISE,
        ),
        "hidden_at": NO,
        "hidden_reason": NO,
        "hidden_by": personal(
            category=Category.IDENTITY,
            purpose=_("which platform staff member moderated"),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_RETENTION,
            on_erasure=OnErasure.PSEUDONYMISE,
        ),
        "author_erased_at": NO,
    },
)
register(
    "reviews.ReviewReport",
    {
        "id": NO,
        "review": NO,
        "reporter": personal(
            category=Category.IDENTITY,
            purpose=_("moderation of reviews"),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_("as the review reported"),
            on_erasure=OnErasure.PSEUDONYMISE,
        ),
        "reason": personal(
            category=Category.PREFERENCES,
            purpose=_("moderation of reviews"),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_("as the review reported"),
            on_erasure=OnErasure.KEEP,
            keep_until=_("the review is deleted (it names no one once the reporter is cut)"),
        ),
        "created_at": NO,
        "handled_at": NO,
    },
)
register("reviews.ReviewInvitation", dict.fromkeys(["id", "booking", "queued_at"], NO))
register(
    "reviews.ReviewPreference",
    {
        "id": NO,
        "user": NO,
        "invitations": personal(
            category=Category.PREFERENCES,
            purpose=_("send invitations to review only to who wants them"),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_("while the account exists"),
            on_erasure=OnErasure.DELETE,
        ),
        "changed_at": NO,
    },
)


def reviews_export(*, user: Any) -> dict[str, list[dict[str, Any]]]:
    preference = ReviewPreference.objects.filter(user=user).first()
    return {
        "reviews": [
            {
                "salon": r.business.name,
                "shown_as": r.display_name,
                "rating": r.rating,
                "text": r.text,
                "service": r.service_name,
                "visit_month": r.visit_month.strftime("%Y-%m"),
                "written_at": r.created_at.isoformat(),
                "salon_reply": r.reply_text,
                "hidden_at": r.hidden_at.isoformat() if r.hidden_at else "",
                "hidden_reason": r.hidden_reason,
            }
            for r in Review.objects.filter(author=user).select_related("business")
        ],
        "review_reports": [
            {"reason": report.reason, "reported_at": report.created_at.isoformat()}
            for report in ReviewReport.objects.filter(reporter=user)
        ],
        "review_preferences": [
            {"invitations": preference.invitations if preference else True},
        ],
    }


def reviews_erase(context: ErasureContext) -> None:
    user = context.user
    context.count(
        "reviews.review (author removed)",
        Review.objects.filter(author=user).update(
            author=None, display_name="", booking=None, author_erased_at=context.now
        ),
    )
    Review.objects.filter(replied_by=user).update(replied_by=None)
    Review.objects.filter(hidden_by=user).update(hidden_by=None)
    context.count(
        "reviews.reviewreport (reporter removed)",
        ReviewReport.objects.filter(reporter=user).update(reporter=None),
    )
    context.count(
        "reviews.reviewpreference", ReviewPreference.objects.filter(user=user).delete()[0]
    )
    # The invitations only say a booking was invited; the booking itself is pseudonymised.
    ReviewInvitation.objects.filter(booking__customer=user).delete()


# Before the bookings handler (order 10), which cuts the bookings' link to the person.
register_handlers("reviews", export=reviews_export, erase=reviews_erase, order=8)


def select_old_reviews(now: datetime) -> QuerySet[Any]:
    return Review.objects.filter(created_at__lte=now - declared_period("reviews.Review", "text"))


def apply_old_reviews(selected: QuerySet[Any], now: datetime) -> int:
    salons = list(selected.values_list("business_id", flat=True).distinct())
    deleted = selected.delete()[1].get("reviews.Review", 0)
    ratings_recount(business_ids=salons)
    return deleted


register_retention_rule(
    Rule(
        "old_reviews_purged",
        "reviews written more than 3 years ago are deleted, with their reports; the salons' "
        "averages are counted again",
        select_old_reviews,
        apply_old_reviews,
        order=140,
    )
)
