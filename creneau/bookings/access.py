"""Who may do what at a salon: the roles of its team, checked inside every domain function.

A user acts for a salon through their active StaffMember row there (`Membership`). The roles:

| role    | may                                                                                |
| ------- | ---------------------------------------------------------------------------------- |
| owner   | everything, including ownership (making or unmaking owners) and the salon's security |
| manager | everything else: all agendas and bookings, all customers, settings, dashboard        |
| staff   | their own agenda and bookings, their own time off, the customers of their bookings   |

Interfaces (back office, API) may check first to choose a page, but the domain function checks
again: a view that forgets cannot open a door. A user who is not an active member of the salon
is refused like a stranger (`NotAllowed`); objects of another salon are "not found", so their
ids are never confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from creneau.accounts.models import User
from creneau.bookings.errors import BookingError
from creneau.catalog.models import Business, StaffMember, StaffRole


class NotAllowed(BookingError):
    code = "forbidden"
    default_message = _("Your role at this salon does not allow this.")


class NotFound(BookingError):
    """An object that does not exist, or that exists at another salon: the same answer."""

    code = "not_found"
    default_message = _("This page does not exist.")


@dataclass(frozen=True)
class Membership:
    """An active user's place in one salon's team."""

    user_id: int
    business_id: int
    staff_id: int
    role: str
    display_name: str

    @property
    def is_owner(self) -> bool:
        return self.role == StaffRole.OWNER

    @property
    def is_manager(self) -> bool:
        """Owner or manager: runs the whole salon."""
        return self.role in (StaffRole.OWNER, StaffRole.MANAGER)

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


def membership_required(
    *, actor: User | None, business: Business | int, manager: bool = False, owner: bool = False
) -> Membership:
    """The actor's membership, or NotAllowed: not a member, or `manager`/`owner` asked and the
    role falls short."""
    membership = membership_of(user=actor, business=business)
    if membership is None:
        raise NotAllowed()
    if owner and not membership.is_owner:
        raise NotAllowed()
    if manager and not membership.is_manager:
        raise NotAllowed()
    return membership


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
