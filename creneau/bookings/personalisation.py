"""Personalisation of the account: suggestions derived from the person's own history.

Only with the account's opt-in (`AccountPurpose.PERSONALISATION`, see `consent.objection`):
- `salon_view_record`: the salon page remembers that a logged-in person looked at a salon;
- `personal_suggestions`: the services of their recent past bookings, to book again, and the
  salons they looked at in the last 90 days.
Without the opt-in nothing is written and nothing is read from their history. Withdrawing it
deletes the salons looked at (`personalisation_forget`, which `bookings/privacy.py` registers
with the consent app).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from creneau.bookings.models import BookingService, RecentlyViewedSalon
from creneau.consent.models import AccountPurpose
from creneau.consent.objection import account_allows
from creneau.privacy.restriction import processing_restricted

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from creneau.accounts.models import User

VIEWED_FOR = timedelta(days=90)
SUGGESTIONS = 4


@dataclass(frozen=True)
class Rebooking:
    business: Any
    service: Any
    last_booked: datetime


@dataclass(frozen=True)
class Suggestions:
    rebook: list[Rebooking] = field(default_factory=list)
    viewed: list[Any] = field(default_factory=list)  # catalog.Business rows

    def __bool__(self) -> bool:
        return bool(self.rebook or self.viewed)


def _personalisation_allowed(user: User) -> bool:
    """The opt-in, and no restriction of processing (which keeps the data stored, unused)."""
    return account_allows(
        user=user, purpose=AccountPurpose.PERSONALISATION
    ) and not processing_restricted(user=user)


def salon_view_record(*, user: User | AnonymousUser, business: Any, now: datetime) -> None:
    """Remember that `user` looked at `business`, only if they opted in to personalisation."""
    if not user.is_authenticated or not _personalisation_allowed(user):
        return
    RecentlyViewedSalon.objects.update_or_create(
        user=user, business=business, defaults={"viewed_at": now}
    )


def personal_suggestions(*, user: User | AnonymousUser, now: datetime) -> Suggestions:
    """What to suggest to `user`; empty without their opt-in (nothing of theirs is read)."""
    if not user.is_authenticated or not _personalisation_allowed(user):
        return Suggestions()
    return Suggestions(rebook=_rebookings(user=user, now=now), viewed=_viewed(user=user, now=now))


def _rebookings(*, user: User, now: datetime) -> list[Rebooking]:
    """The services of the person's past bookings, most recent first, each once."""
    lines = (
        BookingService.objects.filter(
            booking__customer=user,
            booking__end__lt=now,
            booking__status__in=["confirmed", "completed"],
            service__is_active=True,
            booking__business__is_active=True,
        )
        .select_related("service", "booking__business")
        .order_by("-booking__start", "pk")[:50]
    )
    seen: set[int | None] = set()  # never None: the service is filtered on
    found = []
    for line in lines:
        if line.service_id in seen:
            continue
        seen.add(line.service_id)
        found.append(
            Rebooking(
                business=line.booking.business, service=line.service, last_booked=line.booking.start
            )
        )
        if len(found) == SUGGESTIONS:
            break
    return found


def _viewed(*, user: User, now: datetime) -> list[Any]:
    rows = (
        RecentlyViewedSalon.objects.filter(user=user, viewed_at__gte=now - VIEWED_FOR)
        .select_related("business")
        .order_by("-viewed_at", "-pk")[:SUGGESTIONS]
    )
    return [row.business for row in rows]


def personalisation_forget(*, user: Any) -> int:
    """Personalisation was withdrawn: forget the salons the person looked at. Returns the rows
    deleted."""
    return RecentlyViewedSalon.objects.filter(user=user).delete()[0]
