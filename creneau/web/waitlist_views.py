"""The waitlist on the site: join from the slot page, see and leave mine, book an offer from
its link. Every rule is in `creneau.waitlist`."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from creneau.accounts.requests import AuthedHttpRequest
from creneau.bookings.availability import SalonOffer, salon_offer
from creneau.bookings.errors import BookingError
from creneau.catalog.models import Business
from creneau.waitlist.errors import WaitlistError
from creneau.waitlist.models import WaitlistEntry
from creneau.waitlist.selectors import customer_waitlist
from creneau.waitlist.services import (
    offer_for,
    waitlist_join,
    waitlist_leave,
    waitlist_offer_accept,
)

WEEKDAYS = [
    ("0", gettext_lazy("Monday")),
    ("1", gettext_lazy("Tuesday")),
    ("2", gettext_lazy("Wednesday")),
    ("3", gettext_lazy("Thursday")),
    ("4", gettext_lazy("Friday")),
    ("5", gettext_lazy("Saturday")),
    ("6", gettext_lazy("Sunday")),
]
TIMES_OF_DAY = {
    "any": (gettext_lazy("Any time"), time(0, 0), time(23, 59)),
    "morning": (gettext_lazy("Morning (before noon)"), time(0, 0), time(11, 59)),
    "afternoon": (gettext_lazy("Afternoon (noon to 5 pm)"), time(12, 0), time(16, 59)),
    "evening": (gettext_lazy("Evening (from 5 pm)"), time(17, 0), time(23, 59)),
}


class JoinForm(forms.Form):
    service = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Services"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    staff = forms.ChoiceField(label=gettext_lazy("With"), required=False)
    first_day = forms.DateField(
        label=gettext_lazy("From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    last_day = forms.DateField(
        label=gettext_lazy("Until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    weekdays = forms.MultipleChoiceField(
        label=gettext_lazy("Days of the week"),
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
    )
    time_of_day = forms.ChoiceField(
        label=gettext_lazy("Time of day"),
        choices=[(key, label) for key, (label, _a, _b) in TIMES_OF_DAY.items()],
    )
    sms = forms.BooleanField(label=gettext_lazy("Also tell me by SMS"), required=False)

    def __init__(self, *args: Any, offer: SalonOffer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer = offer
        # Both are declared as choice fields above; `fields` is typed as plain fields.
        service = cast(forms.ChoiceField, self.fields["service"])
        staff = cast(forms.ChoiceField, self.fields["staff"])
        service.choices = [(pk, s.name) for pk, s in offer.services.items()]
        staff.choices = [("", _("Anyone available"))] + [
            (str(pk), member.display_name) for pk, member in offer.staff.items()
        ]


def _business(city: str, slug: str) -> Business:
    return get_object_or_404(Business, city_slug=city, slug=slug, is_active=True)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def join(request: AuthedHttpRequest, city: str, slug: str) -> HttpResponse:
    """ "No time suits me": join the salon's waitlist for the services chosen on the slot page."""
    business = _business(city, slug)
    offer = salon_offer(business)
    today = timezone.now().astimezone(ZoneInfo(business.timezone)).date()
    initial = {
        "service": request.GET.getlist("service"),
        "staff": request.GET.get("staff", ""),
        "first_day": today,
        "last_day": today + timedelta(days=21),
        "weekdays": [code for code, _label in WEEKDAYS],
        "time_of_day": "any",
    }
    form = JoinForm(
        request.POST if request.method == "POST" else None, initial=initial, offer=offer
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _label, earliest, latest = TIMES_OF_DAY[data["time_of_day"]]
        try:
            waitlist_join(
                customer=request.user,
                business=business,
                services=[offer.services[pk] for pk in data["service"]],
                staff=offer.staff.get(int(data["staff"])) if data["staff"] else None,
                first_day=data["first_day"],
                last_day=data["last_day"],
                weekdays="".join(data["weekdays"]),
                earliest=earliest,
                latest=latest,
                sms=data["sms"],
            )
        except WaitlistError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _(
                    "You are on the waitlist: we will e-mail you as soon as a matching time "
                    "is free."
                ),
            )
            return redirect("waitlist_web:mine")
    return render(request, "web/waitlist/join.html", {"business": business, "form": form})


@login_required
@require_http_methods(["GET", "HEAD"])
def mine(request: AuthedHttpRequest) -> HttpResponse:
    return render(
        request, "web/waitlist/mine.html", {"entries": customer_waitlist(customer=request.user)}
    )


@login_required
@require_POST
def leave(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    entry = WaitlistEntry.objects.filter(pk=pk, customer=request.user).first()
    if entry is None:
        raise Http404
    waitlist_leave(entry=entry, customer=request.user)
    messages.success(request, _("You have left this waitlist."))
    return redirect("waitlist_web:mine")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def offer(request: AuthedHttpRequest, token: str) -> HttpResponse:
    """The link of an offer: shows the held time; the button books it."""
    try:
        held = offer_for(token=token, customer=request.user)
    except WaitlistError:
        raise Http404("No such offer.") from None
    if request.method == "POST":
        try:
            booking = waitlist_offer_accept(token=token, customer=request.user)
        except (WaitlistError, BookingError) as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Your booking is confirmed."))
            return redirect("booking:detail", reference=booking.reference)
        held.refresh_from_db()
    return render(
        request,
        "web/waitlist/offer.html",
        {
            "offer": held,
            "business": held.business,
            "services": ", ".join(s.name for s in held.entry.services.all()),
            "open": held.status == "held" and timezone.now() < held.expires_at,
        },
    )
