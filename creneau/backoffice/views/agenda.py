"""The agenda: a day with a column per staff member, a week of one staff member."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from creneau.backoffice.forms import week_start
from creneau.backoffice.guard import SalonRequest, salon_view
from creneau.backoffice.layout import agenda_grid
from creneau.backoffice.views.common import day_param, int_param, local_today
from creneau.bookings.agenda import agenda_for


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
