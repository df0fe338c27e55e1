"""Reads of the back office that check the reader's role, like the writes do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet

from creneau.accounts.models import User
from creneau.catalog.models import Business, Closure, Service, ServiceCategory, StaffMember, TimeOff
from creneau.catalog.permissions import SALON_MANAGE, membership_required


@dataclass(frozen=True)
class SettingsOverview:
    services: list[Service]
    categories: list[ServiceCategory]
    staff: list[StaffMember]


def salon_settings(*, actor: User, business: Business) -> SettingsOverview:
    """The salon's price list and team, for owners and managers (NotAllowed for staff)."""
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    return SettingsOverview(
        services=list(
            Service.objects.filter(business=business)
            .select_related("category")
            .order_by("category__position", "category__name", "position", "name")
        ),
        categories=list(ServiceCategory.objects.filter(business=business)),
        staff=list(
            StaffMember.objects.filter(business=business)
            .select_related("user")
            .order_by("position", "display_name")
        ),
    )


def time_off_upcoming(*, actor: User, business: Business, now: datetime) -> QuerySet[TimeOff]:
    """Time off not over yet, of the staff the actor may see (everyone, or themselves)."""
    membership = membership_required(actor=actor, business=business)
    entries = TimeOff.objects.filter(staff__business=business, end__gt=now)
    if not membership.is_manager:
        entries = entries.filter(staff_id=membership.staff_id)
    return entries.select_related("staff").order_by("start")


def closures_upcoming(*, actor: User, business: Business, today: date) -> QuerySet[Closure]:
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    return Closure.objects.filter(business=business, end_date__gte=today).order_by("start_date")
