"""Forms of the salon sign-up and its guided set-up: plain HTML, no script needed, one column on
a phone. They parse; the rules are `creneau.catalog.onboarding`'s."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from creneau.catalog.models import BusinessCategory, WorkingHours, validate_postcode
from creneau.catalog.onboarding import DayHours, ServiceLine
from creneau.catalog.siret import siret_normalise, validate_siret
from creneau.catalog.starters import starter_services


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class SalonSignupForm(forms.Form):
    name = forms.CharField(label=_("Name of the salon"), max_length=120)
    category = forms.ChoiceField(
        label=_("Type of salon"), choices=BusinessCategory.choices, widget=forms.RadioSelect
    )
    address = forms.CharField(label=_("Street address"), max_length=200)
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=5,
        validators=[validate_postcode],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        label=_("City"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    phone = PhoneNumberField(
        label=_("Salon phone"),
        region="FR",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    siret = forms.CharField(
        label=_("SIRET number"),
        max_length=20,
        help_text=_("14 digits, on your Kbis or your INSEE notice."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def clean_siret(self) -> str:
        siret = siret_normalise(self.cleaned_data["siret"])
        validate_siret(siret)
        return siret


class ServiceLineForm(forms.Form):
    keep = forms.BooleanField(label=_("Offer"), required=False, initial=True)
    heading = forms.CharField(label=_("Heading"), max_length=80, required=False)
    name = forms.CharField(label=_("Service"), max_length=120, required=False)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=5, max_value=720, required=False
    )
    price = forms.DecimalField(
        label=_("Price (€)"), min_value=Decimal(0), max_digits=8, decimal_places=2, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("keep") and data.get("name"):
            for field in ("duration_minutes", "price"):
                if data.get(field) is None:
                    self.add_error(field, _("This field is required."))
        return data

    def line(self) -> ServiceLine | None:
        """The kept line, or None (unticked, or an empty spare line)."""
        data = self.cleaned_data
        if not data.get("keep") or not data.get("name"):
            return None
        return ServiceLine(
            heading=data.get("heading") or "",
            name=data["name"],
            duration_minutes=data["duration_minutes"],
            price=data["price"],
        )


class _EveryLineFormSet(forms.BaseFormSet):  # type: ignore[type-arg]  # django-stubs: the form type is set by formset_factory
    def _construct_form(self, i: int, **kwargs: Any) -> forms.Form:
        form: forms.Form = super()._construct_form(i, **kwargs)  # type: ignore[misc]  # django-stubs omit this documented hook
        # A starter line kept as offered is unchanged from its initial value: a formset would
        # skip it as an untouched extra form; every line is read (spare lines are all optional).
        form.empty_permitted = False
        return form


ServiceLineFormSet = forms.formset_factory(
    ServiceLineForm, formset=_EveryLineFormSet, extra=3, max_num=40, absolute_max=40
)


def service_lines_initial(category: str) -> list[dict[str, Any]]:
    """The starter price list of the salon type, in the current language, as initial rows."""
    return [
        {
            "keep": True,
            "heading": str(starter.heading),
            "name": str(starter.name),
            "duration_minutes": starter.duration_minutes,
            "price": starter.price,
        }
        for starter in starter_services(category=category)
    ]


class DayForm(forms.Form):
    weekday = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=6)
    open = forms.BooleanField(label=_("Open"), required=False)
    start = forms.TimeField(label=_("Opens at"), required=False, widget=TimeInput())
    end = forms.TimeField(label=_("Closes at"), required=False, widget=TimeInput())
    break_start = forms.TimeField(label=_("Break from"), required=False, widget=TimeInput())
    break_end = forms.TimeField(label=_("Break until"), required=False, widget=TimeInput())

    def day_name(self) -> str:
        weekday = self.initial.get("weekday", self.data.get(self.add_prefix("weekday")))
        try:
            return str(WorkingHours.Weekday(int(weekday)).label)
        except (TypeError, ValueError):
            return ""

    def day(self) -> DayHours:
        data = self.cleaned_data
        return DayHours(
            weekday=data["weekday"],
            open=bool(data.get("open")),
            start=data.get("start"),
            end=data.get("end"),
            break_start=data.get("break_start"),
            break_end=data.get("break_end"),
        )


WeekFormSet = forms.formset_factory(DayForm, extra=0, min_num=7, max_num=7, absolute_max=7)


def week_initial(hours: list[WorkingHours]) -> list[dict[str, Any]]:
    """The editor's seven days: from existing hours (the first member's) when there are some,
    else Tuesday to Saturday 09:00-19:00 with a break 12:00-13:00, a usual salon week."""
    by_day: dict[int, list[tuple[time, time]]] = {}
    for hours_row in hours:
        by_day.setdefault(hours_row.weekday, []).append((hours_row.start, hours_row.end))
    rows: list[dict[str, Any]] = []
    for weekday in range(7):
        ranges = sorted(by_day.get(weekday, []))
        if hours:
            row: dict[str, Any] = {"weekday": weekday, "open": bool(ranges)}
            if ranges:
                row.update(start=ranges[0][0], end=ranges[-1][1])
                if len(ranges) > 1:
                    row.update(break_start=ranges[0][1], break_end=ranges[1][0])
        else:
            row = {"weekday": weekday, "open": 1 <= weekday <= 5, "start": time(9), "end": time(19)}
            row.update(break_start=time(12), break_end=time(13))
        rows.append(row)
    return rows


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label=_("What the salon should change"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E-mailed to the salon's owner."),
    )
