"""The one place where reviews are written, answered, reported and hidden.

The site, the back office, the API and the admin call these functions; each checks its rules
itself (who may, which booking, how long after the visit).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from creneau.accounts.models import User
from creneau.bookings.models import Booking, BookingStatus
from creneau.catalog.freshness import public_pages_changed
from creneau.catalog.models import Business
from creneau.catalog.permissions import SALON_MANAGE, may
from creneau.notifications.outbox import language_of, message_enqueue
from creneau.reviews.errors import ReplyRefused, ReviewNotFound, ReviewRefused
from creneau.reviews.models import (
    DISPLAY_NAME_MAX_LENGTH,
    REPLY_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Review,
    ReviewPreference,
    ReviewReport,
)

# How long after the appointment its customer may review it.
REVIEW_WINDOW = timedelta(days=30)
# Statuses of a visit that took place: a booking the salon marked completed, or one still
# confirmed once its time has passed (many salons never mark them). No-shows and cancelled
# bookings are never reviewable.
HONOURED = (BookingStatus.COMPLETED, BookingStatus.CONFIRMED)
_OPT_OUT_SALT = "creneau.reviews.invitations-off"


def ratings_recount(*, business_ids: list[int]) -> None:
    """Recount the salons' visible reviews per star onto their rows (`Business.reviews_N`), in
    one UPDATE: the count is read and written by the database in the same statement, so two
    reviews written at once both count, and a stale value heals at the next change."""

    def visible(stars: int) -> Coalesce:
        count = (
            Review.objects.filter(business_id=OuterRef("pk"), hidden_at__isnull=True, rating=stars)
            .order_by()
            .values("business_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(count), 0)

    Business.objects.filter(pk__in=business_ids).update(
        **{f"reviews_{stars}": visible(stars) for stars in range(1, 6)}
    )


def default_display_name(user: User) -> str:
    """ "Claire M.": the first name and the initial of the last name."""
    first = (user.first_name or "").strip()
    initial = (user.last_name or "").strip()[:1]
    name = f"{first} {initial}." if initial else first
    return name[:DISPLAY_NAME_MAX_LENGTH]


def review_refusal(*, booking: Booking, user: User, now: datetime) -> str | None:
    """Why `user` may not review `booking` now, or None when they may."""
    if booking.customer_id is None or booking.customer_id != user.pk:
        return str(_("Only the customer of a booking can review it."))
    if booking.status not in HONOURED or booking.end > now:
        return str(_("Only a visit that took place can be reviewed."))
    if now > booking.end + REVIEW_WINDOW:
        return str(_("A visit can be reviewed within 30 days only."))
    if Review.objects.filter(booking=booking).exists():
        return str(_("You have already reviewed this visit."))
    return None


def _clean_text(text: str, limit: int) -> str:
    # Plain text: shown escaped everywhere; only the ends are trimmed and the length bounded.
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > limit:
        raise ReviewRefused(
            _("The text is too long (%(limit)d characters at most).") % {"limit": limit}
        )
    return text


def review_create(
    *,
    booking: Booking,
    author: User,
    rating: int,
    text: str = "",
    display_name: str | None = None,
    now: datetime | None = None,
) -> Review:
    """Write `author`'s review of `booking`: a rating of 1 to 5 and an optional plain text.

    Raises ReviewRefused when the booking is not the author's, the visit did not take place
    (future, cancelled, no-show), the 30 days after it have passed, or it is reviewed already
    (also when two tries race: the database holds one review per booking).
    """
    now = now or timezone.now()
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ReviewRefused(_("Choose a rating from 1 to 5."))
    refusal = review_refusal(booking=booking, user=author, now=now)
    if refusal is not None:
        raise ReviewRefused(refusal)
    text = _clean_text(text, TEXT_MAX_LENGTH)
    name = (display_name or "").strip()[:DISPLAY_NAME_MAX_LENGTH] or default_display_name(author)
    local_day = booking.start.astimezone(ZoneInfo(booking.business.timezone)).date()
    services = ", ".join(booking.lines.order_by("position").values_list("name", flat=True))
    try:
        with transaction.atomic():
            review = Review.objects.create(
                business_id=booking.business_id,
                booking=booking,
                author=author,
                display_name=name,
                rating=rating,
                text=text,
                service_name=services[:255],
                visit_month=date(local_day.year, local_day.month, 1),
                created_at=now,
            )
            ratings_recount(business_ids=[booking.business_id])
            public_pages_changed(business_id=booking.business_id)
    except IntegrityError:
        raise ReviewRefused(_("You have already reviewed this visit.")) from None
    return review


def review_reply(*, review: Review, actor: User, text: str, now: datetime | None = None) -> Review:
    """The salon's one public reply, by an owner or manager. It cannot be changed afterwards,
    and the review itself is never changed by the salon."""
    now = now or timezone.now()
    if not may(actor, SALON_MANAGE, review.business_id):
        raise ReviewNotFound()
    text = _clean_text(text, REPLY_MAX_LENGTH)
    if not text:
        raise ReviewRefused(_("Write the reply first."))
    with transaction.atomic():
        # Compare-and-set: of two replies sent at once, one is kept.
        changed = Review.objects.filter(pk=review.pk, replied_at__isnull=True).update(
            reply_text=text, replied_at=now, replied_by=actor
        )
        if not changed:
            raise ReplyRefused()
        public_pages_changed(business_id=review.business_id)
    review.refresh_from_db()
    return review


def review_report(
    *, review: Review, reason: str, reporter: User | None = None, now: datetime | None = None
) -> ReviewReport:
    """Anyone may tell platform staff that a review breaks the rules."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise ReviewRefused(_("Say why this review should be looked at."))
    if len(reason) > 1000:
        raise ReviewRefused(_("The reason is too long (1000 characters at most)."))
    if review.hidden_at is not None:
        raise ReviewNotFound()
    return ReviewReport.objects.create(
        review=review,
        reporter=reporter if reporter is not None and reporter.is_authenticated else None,
        reason=reason,
        created_at=now,
    )


def review_hide(*, review: Review, actor: User, reason: str, now: datetime | None = None) -> bool:
    """Platform staff hide a review, with the reason the author and the salon are told.
    Returns False when it was hidden already. Needs the `reviews.change_review` permission."""
    now = now or timezone.now()
    if not (actor.is_staff and actor.has_perm("reviews.change_review")):
        raise ReviewNotFound()
    reason = (reason or "").strip()
    if not reason:
        raise ReviewRefused(_("Give the reason: the author and the salon are told."))
    with transaction.atomic():
        changed = Review.objects.filter(pk=review.pk, hidden_at__isnull=True).update(
            hidden_at=now, hidden_reason=reason[:1000], hidden_by=actor
        )
        if not changed:
            return False
        ReviewReport.objects.filter(review=review, handled_at__isnull=True).update(handled_at=now)
        ratings_recount(business_ids=[review.business_id])
        public_pages_changed(business_id=review.business_id)
        review.refresh_from_db()
        author = review.author
        if author is not None and author.is_active and author.email:
            business = review.business
            message_enqueue(
                template="review_hidden",
                to_address=author.email,
                language=language_of(author),
                context={
                    "recipient_name": author.first_name,
                    "business": {
                        "name": business.name,
                        "address": business.address,
                        "postcode": business.postcode,
                        "city": business.city,
                    },
                    "reason": review.hidden_reason,
                    "rating": review.rating,
                    "written": review.created_at,
                },
                time_zone=business.timezone,
                user=author,
                now=now,
            )
    return True


def review_invitations_set(*, user: User, allowed: bool, now: datetime | None = None) -> None:
    """Turn the invitations to review a visit on or off for `user`."""
    now = now or timezone.now()
    ReviewPreference.objects.update_or_create(
        user=user, defaults={"invitations": allowed, "changed_at": now}
    )


def invitations_off_token(*, user: User) -> str:
    """The token of the "no more invitations" link: signed, no login needed to use it."""
    return signing.dumps(user.pk, salt=_OPT_OUT_SALT)


def invitations_off_user(*, token: str) -> User | None:
    """The account a "no more invitations" token was made for, or None if it is forged."""
    try:
        pk = signing.loads(token, salt=_OPT_OUT_SALT, max_age=None)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def invitations_off_url(*, user: User) -> str:
    from django.urls import reverse

    return settings.SITE_URL + reverse(
        "reviews_web:invitations_off", kwargs={"token": invitations_off_token(user=user)}
    )
