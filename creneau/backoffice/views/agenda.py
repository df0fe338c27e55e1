"""The agenda: a day with a column per staff member, a week of one staff member."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from creneau.backoffice.forms import week_start
from creneau.backoffice.guard import SalonRequest, salon_view
from creneau.backoffice.layout import agenda_grid
from creneau.backoffice.views.common import day_param, int_param, local_today
from creneau.bookings.agenda import AgendaBooking, agenda_for
from creneau.catalog.models import StaffMember


@require_http_methods(["GET", "HEAD"])
@salon_view()
def day(request: SalonRequest) -> HttpResponse:
    business, now = request.salon, timezone.now()
    today = local_today(business, now)
    shown = day_param(request, today)
    agenda = agenda_for(actor=request.user, business=business, first_day=shown)
    # On a phone one column shows at a time: the one asked for, else the reader's own.
    ids = [column.staff.pk for column in agenda.columns]
    picked = int_param(request, "staff")
    if picked not in ids:
        picked = request.membership.staff_id if request.membership.staff_id in ids else None
    if picked is None and ids:
        picked = ids[0]
    tz = agenda.tz
    day_list = sorted(
        (
            (booking.start.astimezone(tz).strftime("%H:%M"), booking, column.staff)
            for column in agenda.columns
            for booking in column.bookings
        ),
        key=lambda entry: (entry[0], entry[2].position, entry[2].pk),
    )
    return render(
        request,
        "backoffice/agenda_day.html",
        {
            "agenda": agenda,
            "grid": agenda_grid(agenda, now=now),
            "picked": picked,
            "day_list": day_list,
            "day": shown,
            "today": today,
            "previous": shown - timedelta(days=1),
            "next": shown + timedelta(days=1),
            "section": "agenda",
        },
    )


@require_http_methods(["GET", "HEAD"])
@salon_view()
def week(request: SalonRequest) -> HttpResponse:
    business, now = request.salon, timezone.now()
    membership = request.membership
    today = local_today(business, now)
    monday = week_start(day_param(request, today))
    if request.GET.get("staff") == "team" and membership.is_manager:
        return _team_week(request, monday=monday, today=today)
    staff_id = int_param(request, "staff")
    if staff_id is None:
        staff_id = membership.staff_id
    agenda = agenda_for(
        actor=request.user, business=business, first_day=monday, days=7, staff_id=staff_id
    )
    return render(
        request,
        "backoffice/agenda_week.html",
        {
            "agenda": agenda,
            "grid": agenda_grid(agenda, now=now),
            "member": agenda.staff[0],
            "visible_staff": agenda.visible_staff,
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "today": today,
            "previous": monday - timedelta(days=7),
            "next": monday + timedelta(days=7),
            "section": "agenda",
        },
    )


@dataclass
class _TeamDay:
    day: date
    closure: str | None
    rows: list[tuple[StaffMember, list[tuple[str, AgendaBooking]], list[str]]]


def _team_week(request: SalonRequest, *, monday: date, today: date) -> HttpResponse:
    """The whole team's week, a day at a time: each staff member's bookings and time off."""
    agenda = agenda_for(actor=request.user, business=request.salon, first_day=monday, days=7)
    tz = agenda.tz
    texts_time_off = _("Time off %(start)s\u2013%(end)s")
    days = []
    for day in agenda.days:
        rows = []
        closure: str | None = None
        for column in agenda.columns:
            if column.day != day:
                continue
            closure = column.closure
            bookings = [(b.start.astimezone(tz).strftime("%H:%M"), b) for b in column.bookings]
            time_off = [
                texts_time_off
                % {
                    "start": start.astimezone(tz).strftime("%H:%M"),
                    "end": end.astimezone(tz).strftime("%H:%M"),
                }
                for start, end, _reason in column.time_off
            ]
            rows.append((column.staff, bookings, time_off))
        days.append(_TeamDay(day, closure, rows))
    return render(
        request,
        "backoffice/agenda_team_week.html",
        {
            "days": days,
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "today": today,
            "previous": monday - timedelta(days=7),
            "next": monday + timedelta(days=7),
            "visible_staff": agenda.visible_staff,
            "section": "agenda",
        },
    )
