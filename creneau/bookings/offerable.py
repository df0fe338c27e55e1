"""Is this start offerable, and if not, why: the answer the review step gives before Confirm.

The slot pages offer the starts of `availability.availability_for`; a start that arrives from
elsewhere (a page left open overnight, a bookmarked link, a hand-edited URL) is checked here by
the same engine, with the salon's rules added one at a time, so the customer reads the rule that
refuses it ("the salon is closed that day") rather than "this slot was just taken". Only a start
that every rule allows but a booking occupies is `SlotTaken`.

`booking_create` keeps its own check inside the lock: this one is read outside any transaction
and says nothing about what happens between the review and the Confirm.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from creneau.bookings.availability import (
    SalonOffer,
    availability_for,
    business_policy,
    salon_offer,
)
from creneau.bookings.errors import InvalidBooking, SlotTaken, SlotUnavailable
from creneau.bookings.schedule import WeeklyHours, schedule_load
from creneau.catalog.models import Business, Service, StaffMember
from creneau.scheduling.engine import Interval, ServiceSpec, StaffSchedule, free_starts_anyone


class StartInPast(SlotUnavailable):
    code = "start_in_past"


class StartTooSoon(SlotUnavailable):
    code = "start_too_soon"


class StartTooFar(SlotUnavailable):
    code = "start_too_far"


class SalonClosed(SlotUnavailable):
    code = "salon_closed"


class StartOffGrid(SlotUnavailable):
    code = "start_off_grid"


class NobodyWorking(SlotUnavailable):
    code = "nobody_working"


class StaffAway(SlotUnavailable):
    code = "staff_away"


def _starts(
    members: Sequence[int],
    hours: WeeklyHours,
    busy: dict[int, list[Interval]],
    services: Sequence[Service],
    business: Business,
    day: date,
    now: datetime,
    closures: Sequence[Interval] = (),
) -> set[datetime]:
    schedules = [
        StaffSchedule(staff_id=pk, weekly_hours=hours.get(pk, {}), busy=busy.get(pk, []))
        for pk in members
    ]
    return {
        start
        for start, _ids in free_starts_anyone(
            staff=schedules,
            services=[ServiceSpec(s.duration_minutes, s.buffer_minutes) for s in services],
            start_date=day,
            end_date=day,
            tz=ZoneInfo(business.timezone),
            policy=business_policy(business),
            now=now,
            closures=closures,
        )
    }


def start_check(
    *,
    business: Business,
    services: Sequence[Service],
    start: datetime,
    staff: StaffMember | None,
    now: datetime,
    offer: SalonOffer | None = None,
    exclude_booking_id: int | None = None,
) -> None:
    """Return if `start` is offered for `services` with `staff` (or anyone) at `business`;
    otherwise raise the first rule that refuses it, in this order: the past, the minimum notice,
    the horizon, a closure of the salon, a time that is not one of the salon's start times or
    not within anyone's working hours (NobodyWorking or StartOffGrid), the staff member's time
    off (StaffAway), and last a booking in the way (SlotTaken).

    `exclude_booking_id` is a booking being moved, whose own time counts as free. Six queries at
    most (two with the salon's offer cached and the start refused before the bookings are read).
    """
    if not services:
        raise InvalidBooking(_("Choose at least one service."))
    if start.tzinfo is None:
        raise InvalidBooking(_("Choose a time from the list."))
    start = start.astimezone(UTC)
    tz = ZoneInfo(business.timezone)
    if start <= now:
        raise StartInPast(_("This time has already passed. Please choose another time."))
    if start < now + timedelta(minutes=business.min_notice_minutes):
        raise StartTooSoon(
            _("This time is too soon: the salon takes bookings at least %(notice)s ahead.")
            % {"notice": _notice(business.min_notice_minutes)}
        )
    if start > now + timedelta(days=business.horizon_days):
        raise StartTooFar(
            _("This salon takes bookings up to %(days)s days ahead. Please choose an earlier day.")
            % {"days": business.horizon_days}
        )
    offer = offer or salon_offer(business)
    candidates = offer.eligible(services)
    if staff is not None:
        candidates = [member for member in candidates if member.pk == staff.pk]
        if not candidates:
            raise InvalidBooking(_("This person does not perform all the chosen services."))
    if not candidates:
        raise InvalidBooking(_("No one here performs all these services in one visit."))
    local = start.astimezone(tz)
    day = local.date()
    ids = [member.pk for member in candidates]
    schedule = schedule_load(
        business=business, staff_ids=ids, first_day=day, last_day=day, hours=offer.hours
    )
    if schedule.closed_days([day]):
        raise SalonClosed(
            _("The salon is closed on %(day)s. Please choose another day.")
            % {"day": formats.date_format(day, "l j F")}
        )
    if start not in _starts(ids, schedule.hours, {}, services, business, day, now):
        placement = _placement(schedule.hours, ids, local, business.slot_step_minutes)
        if placement == "off_grid":
            raise StartOffGrid(
                _("Appointments here start at the times shown in the list. Please choose one.")
            )
        if placement == "overruns":
            raise NobodyWorking(
                _(
                    "The appointment would run past the end of the working hours. "
                    "Please choose an earlier time."
                )
            )
        if staff is not None:
            raise NobodyWorking(
                _("%(name)s does not work at that time. Please choose another time.")
                % {"name": staff.display_name}
            )
        raise NobodyWorking(_("No one works at that time. Please choose another time."))
    away = {
        pk: [(off_start, off_end) for off_start, off_end, _reason in ranges]
        for pk, ranges in schedule.time_off.items()
    }
    if start not in _starts(ids, schedule.hours, away, services, business, day, now):
        if staff is not None:
            raise StaffAway(
                _("%(name)s is away at that time. Please choose another time or anyone.")
                % {"name": staff.display_name}
            )
        raise StaffAway(_("No one is available at that time. Please choose another time."))
    availability = availability_for(
        business=business,
        services=services,
        start_date=day,
        end_date=day,
        now=now,
        staff=staff,
        offer=offer,
        exclude_booking_id=exclude_booking_id,
    )
    if not dict(availability.slots).get(start):
        raise SlotTaken()


def _placement(hours: WeeklyHours, ids: Sequence[int], local: datetime, step: int) -> str:
    """Where a refused local start falls: "outside" every working range of the staff members,
    "off_grid" inside one but between two of its start times, or on a start time of a range the
    appointment "overruns"."""
    moment = datetime.combine(local.date(), local.time())
    placement = "outside"
    for pk in ids:
        for range_start, range_end in hours.get(pk, {}).get(local.weekday(), []):
            first = datetime.combine(local.date(), range_start)
            if first <= moment < datetime.combine(local.date(), range_end):
                if (moment - first) % timedelta(minutes=step):
                    placement = "off_grid"
                else:
                    return "overruns"
    return placement


def _notice(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
    return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}


def day_emptiness(
    *,
    business: Business,
    services: Sequence[Service],
    staff: StaffMember | None,
    day: date,
    now: datetime,
    offer: SalonOffer | None = None,
) -> str:
    """Why `day` offers no start for `services` with `staff` (or anyone), as a code the page
    words: "past", "too_far", "nobody_performs", "closed" (a closure of the salon, or no one
    who performs the services works that weekday), "not_working" (the chosen staff member does
    not work that weekday), "away" (their time off covers their hours; for anyone, everyone's),
    "too_late" (today, the remaining hours are within the minimum notice) or "full".

    Two queries (time off, closures) with the salon's offer cached; call it for an empty day
    only, after `availability_for` found nothing."""
    tz = ZoneInfo(business.timezone)
    today = now.astimezone(tz).date()
    if day < today:
        return "past"
    if day > (now + timedelta(days=business.horizon_days)).astimezone(tz).date():
        return "too_far"
    offer = offer or salon_offer(business)
    candidates = offer.eligible(services)
    if staff is not None:
        candidates = [member for member in candidates if member.pk == staff.pk]
    if not candidates:
        return "nobody_performs"
    ids = [member.pk for member in candidates]
    schedule = schedule_load(
        business=business, staff_ids=ids, first_day=day, last_day=day, hours=offer.hours
    )
    if schedule.closed_days([day]):
        return "closed"
    working = [pk for pk in ids if schedule.hours.get(pk, {}).get(day.weekday())]
    if not working:
        return "not_working" if staff is not None else "closed"
    away = {
        pk: [(off_start, off_end) for off_start, off_end, _reason in ranges]
        for pk, ranges in schedule.time_off.items()
    }
    # The day as if nobody had booked: empty already means their time off covers it all.
    early = datetime.combine(day, time.min, tzinfo=tz) - timedelta(
        minutes=business.min_notice_minutes
    )
    if not _starts(working, schedule.hours, away, services, business, day, early):
        return "away"
    if day == today and not _starts(working, schedule.hours, away, services, business, day, now):
        return "too_late"
    return "full"
