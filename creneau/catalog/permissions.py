"""Who may do what at a salon: the one place that answers, asked by every domain function.

A user acts for a salon through their active StaffMember row there (`Membership`), or, for a
booking, as the customer who made it. The role matrix, stated once:

| ability        | owner | manager | staff | what it covers                                     |
| -------------- | ----- | ------- | ----- | -------------------------------------------------- |
| `salon.enter`  | yes   | yes     | yes   | the back office: own agenda, bookings, customers   |
| `salon.manage` | yes   | yes     |       | every agenda, booking and customer; settings,      |
|                |       |         |       | services, staff, hours, closures, dashboard        |
| `salon.own`    | yes   |         |       | ownership (making or unmaking owners), security    |

Plain staff see and change their own agenda only (`Membership.sees_staff`): their bookings,
their time off, the customers of their bookings. A booking's customer may cancel or move it
until the salon's deadline (`booking_role` says "customer"); a member who sees the booking's
agenda acts for the salon ("business").

Interfaces (back office, API) may check first to choose a page, but the domain function checks
again: a view that forgets cannot open a door. A user who is not an active member of the salon
is refused like a stranger (`NotAllowed`); objects of another salon are "not found", so their
ids are never confirmed.

This module sits in `catalog` so that catalogue and booking services can both ask it; it
imports nothing from bookings (the booking is only read through its ids).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from creneau.accounts.models import User
from creneau.catalog.models import Business, StaffMember, StaffRole
from creneau.errors import DomainError

_M = TypeVar("_M", bound=Model)

SALON_ENTER = "salon.enter"
SALON_MANAGE = "salon.manage"
SALON_OWN = "salon.own"

ROLE_MATRIX: dict[str, frozenset[str]] = {
    SALON_ENTER: frozenset({StaffRole.OWNER, StaffRole.MANAGER, StaffRole.STAFF}),
    SALON_MANAGE: frozenset({StaffRole.OWNER, StaffRole.MANAGER}),
    SALON_OWN: frozenset({StaffRole.OWNER}),
}


class NotAllowed(DomainError):
    code = "forbidden"
    status = 403
    default_message = _("Your role at this salon does not allow this.")


class NotFound(DomainError):
    """An object that does not exist, or that exists at another salon: the same answer."""

    code = "not_found"
    status = 404
    default_message = _("This page does not exist.")


def role_may(role: str, ability: str) -> bool:
    """Whether a member of `role` has `ability` (an unknown ability is nobody's)."""
    return role in ROLE_MATRIX.get(ability, frozenset())


@dataclass(frozen=True)
class Membership:
    """An active user's place in one salon's team."""

    user_id: int
    business_id: int
    staff_id: int
    role: str
    display_name: str

    def may(self, ability: str) -> bool:
        return role_may(self.role, ability)

    @property
    def is_owner(self) -> bool:
        return self.may(SALON_OWN)

    @property
    def is_manager(self) -> bool:
        """Owner or manager: runs the whole salon."""
        return self.may(SALON_MANAGE)

    def sees_staff(self, staff_id: int | None) -> bool:
        """Whether this member may see and change the agenda of staff member `staff_id`."""
        return self.is_manager or staff_id == self.staff_id


def membership_of(*, user: User | None, business: Business | int) -> Membership | None:
    """The user's active membership of the salon, or None (one query)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    business_id = business if isinstance(business, int) else business.pk
    row = (
        StaffMember.objects.filter(business_id=business_id, user=user, is_active=True)
        .values_list("pk", "role", "display_name")
        .first()
    )
    if row is None:
        return None
    staff_id, role, display_name = row
    return Membership(user.pk, business_id, staff_id, role, display_name)


def may(user: User | None, ability: str, business: Business | int) -> bool:
    """Whether `user` has `ability` at the salon (one query)."""
    membership = membership_of(user=user, business=business)
    return membership is not None and membership.may(ability)


def membership_required(
    *, actor: User | None, business: Business | int, ability: str = SALON_ENTER
) -> Membership:
    """The actor's membership, or NotAllowed: not a member, or a role without `ability`."""
    membership = membership_of(user=actor, business=business)
    if membership is None or not membership.may(ability):
        raise NotAllowed()
    return membership


BookingRole = Literal["customer", "business"]


def booking_role(*, actor: User, booking: Any) -> BookingRole | None:
    """What `actor` may do with `booking`: "customer" (their own booking, within the salon's
    deadline), "business" (a member who sees that agenda: at any time) or None (nothing; the
    booking is not revealed). `booking` is read through `customer_id`, `business_id` and
    `staff_id` only."""
    if booking.customer_id is not None and booking.customer_id == actor.pk:
        return "customer"
    membership = membership_of(user=actor, business=booking.business_id)
    if membership is not None and membership.sees_staff(booking.staff_id):
        return "business"
    return None


def salon_object(model: type[_M], business: Business, pk: int | None) -> _M:
    """The salon's own row of `model` by `pk`; NotFound for another salon's or none."""
    # `_default_manager` is `objects` for every catalogue model, and typed for any model.
    rows = model._default_manager
    obj = rows.filter(pk=pk, business=business).first() if pk is not None else None
    if obj is None:
        raise NotFound()
    return obj


def salons_of(*, user: User) -> list[tuple[Business, Membership]]:
    """The salons the user works at (active memberships), by name: one query."""
    if not user.is_authenticated or not user.is_active:
        return []
    rows = (
        StaffMember.objects.filter(user=user, is_active=True)
        .select_related("business")
        .order_by("business__name", "business__pk")
    )
    return [
        (
            member.business,
            Membership(user.pk, member.business_id, member.pk, member.role, member.display_name),
        )
        for member in rows
    ]
