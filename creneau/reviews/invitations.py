"""The invitation to review a visit, sent by the clock a little after the appointment.

Transactional (it is about the customer's own booking), so no marketing opt-in is needed; each
carries a link that turns these invitations off without logging in. Rules:
- once per booking (a `ReviewInvitation` row, unique, written with the message);
- for a visit that took place (confirmed or completed, never a no-show or a cancellation),
  ended at least `INVITE_AFTER` ago and at most `INVITE_UNTIL` ago (a clock stopped for a
  while still invites, but not weeks late);
- not when the customer turned invitations off, nor when the visit is already reviewed.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from creneau.bookings.models import Booking
from creneau.notifications.outbox import language_of, message_enqueue
from creneau.reviews.models import Review, ReviewInvitation, ReviewPreference
from creneau.reviews.services import HONOURED, invitations_off_url

logger = logging.getLogger("creneau.reviews")

INVITE_AFTER = timedelta(hours=2)
INVITE_UNTIL = timedelta(days=7)


def bookings_due_for_invitation(*, now: datetime) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(
            status__in=HONOURED,
            customer__isnull=False,
            customer__is_active=True,
            end__lte=now - INVITE_AFTER,
            end__gt=now - INVITE_UNTIL,
        )
        .exclude(Exists(ReviewInvitation.objects.filter(booking=OuterRef("pk"))))
        .exclude(Exists(Review.objects.filter(booking=OuterRef("pk"))))
        .exclude(
            Exists(ReviewPreference.objects.filter(user=OuterRef("customer"), invitations=False))
        )
        .select_related("business", "customer")
        .order_by("end", "pk")
    )


def _invite(booking: Booking, *, now: datetime) -> bool:
    customer = booking.customer
    if customer is None or not customer.email:
        return False
    business = booking.business
    try:
        with transaction.atomic():
            ReviewInvitation.objects.create(booking=booking, queued_at=now)
            message_enqueue(
                template="review_invitation",
                to_address=customer.email,
                language=language_of(customer),
                context={
                    "recipient_name": customer.first_name,
                    "business": {
                        "name": business.name,
                        "address": business.address,
                        "postcode": business.postcode,
                        "city": business.city,
                    },
                    "start": booking.start,
                    "review_url": settings.SITE_URL
                    + reverse("reviews_web:write", kwargs={"reference": booking.reference}),
                    "invitations_off_url": invitations_off_url(user=customer),
                },
                time_zone=business.timezone,
                user=customer,
                about=booking,
                now=now,
            )
    except IntegrityError:
        # Another clock invited it first.
        return False
    return True


def review_invitations_send_due(*, now: datetime, limit: int = 500) -> int:
    """Queue the invitations due at `now`; idempotent, cheap when none is due."""
    invited = sum(
        1 for booking in bookings_due_for_invitation(now=now)[:limit] if _invite(booking, now=now)
    )
    if invited:
        logger.info("queued review invitations for %s bookings", invited)
    return invited
