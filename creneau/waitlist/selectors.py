"""Reads of the waitlist shared by the site, the back office and the API."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from creneau.accounts.models import User
from creneau.catalog.models import Business
from creneau.catalog.permissions import SALON_MANAGE, membership_required
from creneau.waitlist.models import EntryStatus, OfferStatus, WaitlistEntry, WaitlistOffer


def _with_offers(entries: QuerySet[WaitlistEntry]) -> QuerySet[WaitlistEntry]:
    return entries.select_related("business", "staff").prefetch_related(
        "services",
        Prefetch(
            "offers",
            queryset=WaitlistOffer.objects.filter(status=OfferStatus.HELD).select_related("staff"),
            to_attr="held_offers",
        ),
    )


def customer_waitlist(*, customer: User) -> QuerySet[WaitlistEntry]:
    """The customer's entries still waiting, oldest first, with any time held for them."""
    return _with_offers(
        WaitlistEntry.objects.filter(customer=customer, status=EntryStatus.WAITING)
    ).order_by("created_at", "pk")


def salon_waitlist(*, actor: User, business: Business) -> QuerySet[WaitlistEntry]:
    """The salon's waiting customers, in join order (the order offers go out): for its owners
    and managers only (NotAllowed otherwise), whichever interface asks."""
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    return _with_offers(
        WaitlistEntry.objects.filter(business=business, status=EntryStatus.WAITING).select_related(
            "customer"
        )
    ).order_by("created_at", "pk")
