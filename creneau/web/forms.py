from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from creneau.bookings.models import DayPeriod
from creneau.catalog.models import BusinessCategory
from creneau.catalog.search import USUAL_SERVICE_LABELS


class SalonSearchForm(forms.Form):
    """The search box of the home and results pages (GET, every field optional)."""

    q = forms.CharField(
        label=_("What?"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Haircut, balayage…")}),
    )
    where = forms.CharField(
        label=_("Where?"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"placeholder": _("City or postcode"), "autocomplete": "address-level2"}
        ),
    )
    category = forms.ChoiceField(
        label=_("Type of salon"),
        required=False,
        choices=[("", _("All salons")), *BusinessCategory.choices],
    )
    day = forms.CharField(
        label=_("When?"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"type": "date"}),
        help_text=_("A date, or leave empty for any day."),
    )
    period = forms.ChoiceField(
        label=_("Time of day"),
        required=False,
        choices=[("", _("Any time")), *DayPeriod.choices],
    )
    service = forms.ChoiceField(
        label=_("Service"),
        required=False,
        choices=[("", _("Any service")), *USUAL_SERVICE_LABELS.items()],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("", _("Relevance")),
            ("soonest", _("Soonest availability")),
            ("distance", _("Distance")),
        ],
    )
    # "48.857,2.352": the visitor's position, filled by the browser only when they ask for
    # salons near them; used for this one answer, never stored.
    near = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def clean_near(self) -> tuple[float, float] | None:
        value = self.cleaned_data.get("near") or ""
        try:
            lat, lon = (round(float(part), 3) for part in value.split(","))
        except ValueError:
            return None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        return lat, lon

    def clean_day(self) -> date | None:
        """ "today", "tomorrow" or a date (YYYY-MM-DD); the day is the visitor's, in Paris."""
        value = (self.cleaned_data.get("day") or "").strip().lower()
        if not value:
            return None
        today = timezone.localdate()
        if value in ("today", "aujourdhui", "aujourd'hui"):
            return today
        if value in ("tomorrow", "demain"):
            return today + timedelta(days=1)
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise forms.ValidationError(_("Enter a date such as 2026-10-24.")) from None
