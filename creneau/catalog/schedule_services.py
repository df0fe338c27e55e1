"""Writes to a salon's time: staff members' weekly hours, their time off, the salon's closures.

Each function checks the actor's role (`creneau.catalog.permissions`) and that every object
belongs to the salon. How many bookings a new time off or closure covers is a booking question:
`creneau.bookings.selectors` answers it, the interface shows it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from creneau.accounts.models import User
from creneau.catalog.errors import SettingsError
from creneau.catalog.freshness import public_pages_changed
from creneau.catalog.models import Business, Closure, StaffMember, TimeOff, WorkingHours
from creneau.catalog.permissions import SALON_MANAGE, NotFound, membership_required, salon_object
from creneau.dates import implausible_message, is_plausible

WeeklyHours = Mapping[int, Sequence[tuple[time, time]]]


def working_hours_set(
    *, actor: User, business: Business, member: StaffMember, hours: WeeklyHours
) -> None:
    """Replace a staff member's weekly hours (owners and managers): weekday (0 = Monday) ->
    local (start, end) ranges, each ending after it starts and none overlapping another.
    Existing bookings stay where they are, even outside the new hours."""
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    salon_object(StaffMember, business, member.pk)
    rows = []
    for weekday, ranges in hours.items():
        if not 0 <= weekday <= 6:
            raise SettingsError(_("The day must be Monday to Sunday."))
        ordered = sorted(ranges)
        for index, (start, end) in enumerate(ordered):
            if end <= start:
                raise SettingsError(_("The end time must be after the start time."))
            if index and start < ordered[index - 1][1]:
                raise SettingsError(_("Two ranges of one day overlap."))
            rows.append(WorkingHours(staff=member, weekday=weekday, start=start, end=end))
    with transaction.atomic():
        WorkingHours.objects.filter(staff=member).delete()
        WorkingHours.objects.bulk_create(rows)
        # bulk_create sends no signal: the public pages are told here.
        public_pages_changed(business_id=member.business_id)


# --- Blocked time ------------------------------------------------------------------------------


def time_off_add(
    *,
    actor: User,
    business: Business,
    member: StaffMember,
    start: datetime,
    end: datetime,
    reason: str = "",
) -> TimeOff:
    """Block a staff member's time (owners and managers for anyone, staff for themselves).

    Active bookings it covers are not cancelled (the salon calls or moves them), the agenda
    shows both; `bookings.selectors.bookings_covered_by_time_off` counts them.
    """
    membership = membership_required(actor=actor, business=business)
    if member.business_id != business.pk or not membership.sees_staff(member.pk):
        raise NotFound()
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise SettingsError(_("Times must carry their time zone."))
    if end <= start:
        raise SettingsError(_("The end must be after the start."))
    if not (is_plausible(start) and is_plausible(end)):
        raise SettingsError(implausible_message())
    # One transaction: the row exists only if everything that follows it (the public pages told)
    # succeeded.
    with transaction.atomic():
        return TimeOff.objects.create(staff=member, start=start, end=end, reason=reason[:200])


def time_off_remove(*, actor: User, business: Business, pk: int) -> None:
    """Remove time off (owners and managers for anyone, staff their own); NotFound otherwise."""
    membership = membership_required(actor=actor, business=business)
    time_off = TimeOff.objects.filter(pk=pk, staff__business=business).first()
    if time_off is None or not membership.sees_staff(time_off.staff_id):
        raise NotFound()
    time_off.delete()


def closure_add(
    *, actor: User, business: Business, start_date: date, end_date: date, label: str = ""
) -> Closure:
    """Close the whole salon for days, both included (owners and managers). Active bookings on
    those days are kept (the salon moves or cancels them);
    `bookings.selectors.bookings_covered_by_closure` counts them."""
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    if end_date < start_date:
        raise SettingsError(_("The last day cannot be before the first day."))
    if not (is_plausible(start_date) and is_plausible(end_date)):
        # A far-off day would be saved, then overflow every computation of the salon's days.
        raise SettingsError(implausible_message())
    # One transaction: the row exists only if everything that follows it (the public pages told)
    # succeeded.
    with transaction.atomic():
        return Closure.objects.create(
            business=business, start_date=start_date, end_date=end_date, label=label[:120]
        )


def closure_remove(*, actor: User, business: Business, pk: int) -> None:
    membership_required(actor=actor, business=business, ability=SALON_MANAGE)
    closure = salon_object(Closure, business, pk)
    closure.delete()
