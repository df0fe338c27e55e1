"""Parsing of the booking flow's query strings and posts. Bad input becomes form errors."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from creneau.bookings.availability import SalonOffer
from creneau.dates import PlausibleDateField, check_plausible


class SlotQueryForm(forms.Form):
    """What the customer asks for: services, staff member or anyone, a day."""

    service = forms.TypedMultipleChoiceField(
        label=_("Services"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    staff = forms.ChoiceField(label=_("With"), required=False)
    date = PlausibleDateField(
        label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, offer: SalonOffer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.fields["service"].choices = [(pk, s.name) for pk, s in offer.services.items()]  # type: ignore[attr-defined]  # django-stubs types fields as Field; this is a ChoiceField
        self.fields["staff"].choices = [("", _("Anyone available"))] + [  # type: ignore[attr-defined]  # django-stubs types fields as Field; this is a ChoiceField
            (str(pk), member.display_name) for pk, member in offer.staff.items()
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        services = [self.offer.services[pk] for pk in data.get("service") or []]
        data["services"] = services
        staff_id = data.get("staff")
        data["staff_member"] = self.offer.staff.get(int(staff_id)) if staff_id else None
        if services and data["staff_member"] is not None:
            if data["staff_member"] not in self.offer.eligible(services):
                self.add_error("staff", _("This person does not perform all the chosen services."))
        elif services and not self.offer.eligible(services):
            self.add_error("service", _("No one here performs all these services in one visit."))
        return data


class StartField(forms.DateTimeField):
    """An ISO 8601 instant as produced by the slot links (UTC, with offset), in the plausible
    range (checked before the conversion to UTC, which a far-off year would overflow)."""

    def to_python(self, value: object) -> datetime | None:
        if value in self.empty_values:
            return None
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError:
            raise forms.ValidationError(_("Choose a time from the list."), code="invalid") from None
        if parsed.tzinfo is None:
            raise forms.ValidationError(_("Choose a time from the list."), code="invalid")
        check_plausible(parsed)
        return parsed.astimezone(UTC)


class ReviewForm(SlotQueryForm):
    start = StartField(label=_("Time"))
    key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
