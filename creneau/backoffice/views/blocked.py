"""Blocked time: a staff member's time off, the salon's closures."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from creneau.backoffice.forms import ClosureForm, TimeOffForm
from creneau.backoffice.guard import SalonRequest, salon_view
from creneau.backoffice.selectors import closures_upcoming, time_off_upcoming
from creneau.backoffice.views.common import error_message, local_today
from creneau.bookings.agenda import agenda_staff
from creneau.bookings.selectors import bookings_covered_by_closure, bookings_covered_by_time_off
from creneau.catalog.schedule_services import (
    closure_add,
    closure_remove,
    time_off_add,
    time_off_remove,
)
from creneau.errors import DomainError


def _covered(request: HttpRequest, covered: int) -> None:
    if covered:
        messages.warning(
            request,
            ngettext(
                "%(n)d booking falls in this period: it is kept; move or cancel it.",
                "%(n)d bookings fall in this period: they are kept; move or cancel them.",
                covered,
            )
            % {"n": covered},
        )


@require_http_methods(["GET", "HEAD", "POST"])
@salon_view()
def time_off(request: SalonRequest) -> HttpResponse:
    business = request.salon
    _membership, staff = agenda_staff(actor=request.user, business=business)
    form = TimeOffForm(
        request.POST if request.method == "POST" else None,
        business=business,
        staff=staff,
        # A tap on the agenda's free time opens this form on that staff member and hour.
        initial={
            key: request.GET[key] for key in ("staff", "start", "end") if request.GET.get(key)
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = time_off_add(
                actor=request.user,
                business=business,
                member=form.cleaned_data["staff"],
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            error_message(request, error)
        else:
            messages.success(request, _("The time off is added."))
            _covered(
                request,
                bookings_covered_by_time_off(staff=entry.staff, start=entry.start, end=entry.end),
            )
            return redirect("backoffice:time_off", salon=business.slug)
    entries = time_off_upcoming(actor=request.user, business=business, now=timezone.now())
    return render(
        request,
        "backoffice/time_off.html",
        {"form": form, "entries": entries, "section": "blocked"},
    )


@require_POST
@salon_view()
def time_off_delete(request: SalonRequest, pk: int) -> HttpResponse:
    time_off_remove(actor=request.user, business=request.salon, pk=pk)
    messages.success(request, _("The time off is removed."))
    return redirect("backoffice:time_off", salon=request.salon.slug)


@require_http_methods(["GET", "HEAD", "POST"])
@salon_view(manager=True)
def closures(request: SalonRequest) -> HttpResponse:
    business = request.salon
    form = ClosureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            closure = closure_add(actor=request.user, business=business, **form.cleaned_data)
        except DomainError as error:
            error_message(request, error)
        else:
            messages.success(request, _("The closure is added."))
            _covered(
                request,
                bookings_covered_by_closure(
                    business=business, start_date=closure.start_date, end_date=closure.end_date
                ),
            )
            return redirect("backoffice:closures", salon=business.slug)
    today = local_today(business, timezone.now())
    entries = closures_upcoming(actor=request.user, business=business, today=today)
    return render(
        request,
        "backoffice/closures.html",
        {"form": form, "entries": entries, "section": "blocked"},
    )


@require_POST
@salon_view(manager=True)
def closure_delete(request: SalonRequest, pk: int) -> HttpResponse:
    closure_remove(actor=request.user, business=request.salon, pk=pk)
    messages.success(request, _("The closure is removed."))
    return redirect("backoffice:closures", salon=request.salon.slug)
