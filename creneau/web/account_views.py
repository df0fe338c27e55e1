"""The account hub under /account/: the person's bookings first, then their profile (a new
mobile number confirmed by an SMS code), password, reminders and privacy. Views parse, call one
service, render."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from creneau.accounts.forms import ProfileForm
from creneau.accounts.models import User
from creneau.accounts.phone_change import (
    PhoneCodeRefused,
    phone_change_confirm,
    phone_change_pending,
    profile_change,
)
from creneau.accounts.requests import AuthedHttpRequest
from creneau.bookings.models import REMINDER_HOURS_CHOICES, Booking
from creneau.bookings.preferences import notification_preference_set
from creneau.bookings.reminders import preferences_for
from creneau.bookings.selectors import customer_bookings_split
from creneau.consent.objection import account_choices

# The hub shows the most recent past bookings; the full history is on "My bookings".
PAST_ON_HUB = 5


class RemindersForm(forms.Form):
    email_reminders = forms.BooleanField(label=_("Remind me by e-mail"), required=False)
    sms_reminders = forms.BooleanField(label=_("Remind me by SMS"), required=False)
    reminder_hours = forms.TypedChoiceField(
        label=_("When"),
        choices=[("", _("when the salon chose (usually the day before)")), *REMINDER_HOURS_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )


class PhoneCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code received by SMS"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}
        ),
    )


def book_again_url(booking: Booking) -> str:
    """The salon's slot page with the same services and staff member chosen again."""
    business = booking.business
    params: list[tuple[str, object]] = [
        ("service", line.service_id) for line in booking.lines.all() if line.service_id
    ]
    if booking.staff_id:
        params.append(("staff", booking.staff_id))
    url = reverse("booking:slots", args=[business.city_slug, business.slug])
    return f"{url}?{urlencode(params)}" if params else url


def _profile_form(user: User, data: Any = None) -> ProfileForm:
    return ProfileForm(
        data,
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "phone": user.phone,
            "language": user.language,
        },
    )


def _hub(request: AuthedHttpRequest, *, profile_form: ProfileForm | None = None) -> HttpResponse:
    user = request.user
    now = timezone.now()
    upcoming, past = customer_bookings_split(customer=user, now=now)
    preference = preferences_for(user)
    return render(
        request,
        "web/account/hub.html",
        {
            "upcoming": upcoming,
            "past": [(booking, book_again_url(booking)) for booking in past[:PAST_ON_HUB]],
            "more_past": len(past) > PAST_ON_HUB,
            "profile_form": profile_form or _profile_form(user),
            "pending_phone": phone_change_pending(user=user, now=now),
            "reminders_form": RemindersForm(
                initial={
                    "email_reminders": preference.email_reminders,
                    "sms_reminders": preference.sms_reminders,
                    "reminder_hours": preference.reminder_hours,
                }
            ),
            "choices": account_choices(user=user),
        },
    )


@login_required
def hub(request: AuthedHttpRequest) -> HttpResponse:
    return _hub(request)


@login_required
@require_POST
def profile(request: AuthedHttpRequest) -> HttpResponse:
    """Names and language are saved at once; a new mobile number waits for its SMS code."""
    user = request.user
    form = _profile_form(user, request.POST)
    if not form.is_valid():
        return _hub(request, profile_form=form)
    data = form.cleaned_data
    try:
        change = profile_change(
            user=user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            language=data["language"],
            phone=data["phone"],
            now=timezone.now(),
        )
    except ValidationError as error:
        form.add_error("phone", error)
        return _hub(request, profile_form=form)
    if change is not None:
        messages.info(request, _("We sent a code by SMS to your new number: type it here."))
        return redirect("account_hub:phone_verify")
    messages.success(request, _("Your details are saved."))
    return redirect(reverse("account_hub:hub") + "#profile")


@login_required
@require_http_methods(["GET", "POST"])
def phone_verify(request: AuthedHttpRequest) -> HttpResponse:
    user = request.user
    now = timezone.now()
    pending = phone_change_pending(user=user, now=now)
    if pending is None and request.method == "GET":
        return redirect(reverse("account_hub:hub") + "#profile")
    form = PhoneCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            phone_change_confirm(user=user, code=form.cleaned_data["code"], now=now)
        except PhoneCodeRefused as refused:
            form.add_error("code", str(refused.message))
        else:
            messages.success(request, _("Your new mobile number is confirmed."))
            return redirect(reverse("account_hub:hub") + "#profile")
    return render(request, "web/account/phone_verify.html", {"form": form, "pending": pending})


@login_required
@require_POST
def reminders(request: AuthedHttpRequest) -> HttpResponse:
    form = RemindersForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose when to be reminded from the list."))
        return redirect(reverse("account_hub:hub") + "#reminders")
    notification_preference_set(
        user=request.user,
        email_reminders=form.cleaned_data.get("email_reminders", False),
        sms_reminders=form.cleaned_data.get("sms_reminders", False),
        reminder_hours=form.cleaned_data.get("reminder_hours"),
    )
    messages.success(request, _("Your reminder choices are saved."))
    return redirect(reverse("account_hub:hub") + "#reminders")
