"""Back-office forms: they parse and validate input; the domain functions decide."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from creneau.catalog.models import (
    Business,
    Service,
    ServiceCategory,
    StaffMember,
    StaffRole,
    WorkingHours,
)
from creneau.dates import PlausibleDateField, PlausibleDateTimeField


class _IdsBounded:
    """Choices of rows (a staff member, services, a category) refuse an id beyond a 64-bit
    integer as an invalid choice: SQLite cannot even compare one, and the lookup would fail
    with an OverflowError instead of a form error."""

    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        # At cleaning time: some forms replace their fields after __init__.
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and not hasattr(field, "_bounded"):
                field.clean = _bounded_clean(field)  # type: ignore[method-assign,assignment]  # wrapped on this instance only
                field._bounded = True  # type: ignore[attr-defined]  # our marker: wrap each field once
        super().full_clean()  # type: ignore[misc]  # a mixin: the form class after it has full_clean


def _bounded_clean(field: forms.ModelChoiceField) -> Callable[[Any], Any]:
    clean = field.clean

    def bounded_clean(value: Any) -> Any:
        try:
            return clean(value)
        except OverflowError:
            raise forms.ValidationError(
                field.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": "…"},
            ) from None

    return bounded_clean


class IdsBoundedForm(_IdsBounded, forms.Form):
    pass


class IdsBoundedModelForm(_IdsBounded, forms.ModelForm):
    pass


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _staff_choices(staff: list[StaffMember]) -> forms.ModelChoiceField[StaffMember]:
    return forms.ModelChoiceField(
        queryset=StaffMember.objects.filter(pk__in=[m.pk for m in staff]).order_by(
            "position", "display_name", "pk"
        ),
        required=False,
        empty_label=_("Anyone free"),
        label=_("With"),
    )


class SlotChoiceForm(IdsBoundedForm):
    """Step one of a manual booking or a move: who, what, which day (GET)."""

    staff = forms.ModelChoiceField(queryset=StaffMember.objects.none(), required=False)
    services = forms.ModelMultipleChoiceField(
        queryset=Service.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Services"),
    )
    date = PlausibleDateField(label=_("Day"), widget=DateInput())

    def __init__(
        self,
        *args: Any,
        business: Business,
        staff: list[StaffMember],
        with_services: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"] = _staff_choices(staff)
        if len(staff) == 1:
            self.fields["staff"].empty_label = None  # type: ignore[attr-defined]  # django-stubs types fields as Field; this is a ModelChoiceField
        if with_services:
            self.fields["services"].queryset = Service.objects.filter(  # type: ignore[attr-defined]  # django-stubs types fields as Field; this is a ModelChoiceField
                business=business, is_active=True
            ).order_by("position", "name")
        else:
            del self.fields["services"]


class NewContactForm(IdsBoundedForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    phone = PhoneNumberField(label=_("Phone"), region="FR")
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("The booking's messages go there, with a note on how we handle their data."),
    )


class StartForm(IdsBoundedForm):
    """Step two: the chosen free start (an ISO datetime from the offered list) and the form's
    one-time key."""

    start = PlausibleDateTimeField(input_formats=["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M%z"])
    key = forms.CharField(max_length=64, required=False)


class NoteForm(IdsBoundedForm):
    text = forms.CharField(
        label=_("New note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Seen by the salon's team only. Do not record health details beyond what the "
            "service needs."
        ),
    )


class CustomerSearchForm(IdsBoundedForm):
    q = forms.CharField(label=_("Name, e-mail or phone"), required=False, max_length=100)


class TimeOffForm(IdsBoundedForm):
    staff = forms.ModelChoiceField(queryset=StaffMember.objects.none(), label=_("Staff member"))
    start = PlausibleDateTimeField(label=_("From"), widget=DateTimeInput())
    end = PlausibleDateTimeField(label=_("Until"), widget=DateTimeInput())
    reason = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("Seen by the salon's team only. Do not record health details."),
    )

    def __init__(
        self, *args: Any, business: Business, staff: list[StaffMember], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.tz = ZoneInfo(business.timezone)
        self.fields["staff"].queryset = StaffMember.objects.filter(pk__in=[m.pk for m in staff])  # type: ignore[attr-defined]  # django-stubs types fields as Field; this is a ModelChoiceField
        # A staff member is required: the list opens on the first one, not on "---------".
        self.fields["staff"].empty_label = None  # type: ignore[attr-defined]  # django-stubs types fields as Field; this is a ModelChoiceField
        if len(staff) == 1:
            self.fields["staff"].initial = staff[0].pk

    def _aware(self, value: datetime) -> datetime:
        return value.replace(tzinfo=None).replace(tzinfo=self.tz)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        for name in ("start", "end"):
            if data.get(name):
                data[name] = self._aware(data[name])
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must be after the start."))
        return data


class ClosureForm(IdsBoundedForm):
    start_date = PlausibleDateField(label=_("First day"), widget=DateInput())
    end_date = PlausibleDateField(label=_("Last day"), widget=DateInput())
    label = forms.CharField(label=_("Label"), max_length=120, required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        first, last = data.get("start_date"), data.get("end_date")
        if isinstance(first, date) and isinstance(last, date) and last < first:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        return data


class BusinessDetailsForm(IdsBoundedModelForm):
    class Meta:
        model = Business
        fields = ["name", "description", "address", "postcode", "city", "phone"]


class BookingPolicyForm(IdsBoundedModelForm):
    class Meta:
        model = Business
        fields = [
            "slot_step_minutes",
            "min_notice_minutes",
            "horizon_days",
            "cancellation_deadline_hours",
            "reminder_hours",
        ]


class CategoryForm(IdsBoundedModelForm):
    class Meta:
        model = ServiceCategory
        fields = ["name", "position"]


class ServiceForm(IdsBoundedModelForm):
    performers = forms.ModelMultipleChoiceField(
        queryset=StaffMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Performed by"),
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "category",
            "description",
            "duration_minutes",
            "buffer_minutes",
            "price",
            "is_active",
            "position",
        ]

    def __init__(self, *args: Any, business: Business, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ServiceCategory.objects.filter(business=business)  # type: ignore[attr-defined]  # django-stubs types fields as Field; this is a ModelChoiceField
        self.fields["category"].empty_label = _("No category")  # type: ignore[attr-defined]  # django-stubs types fields as Field; this is a ModelChoiceField
        self.fields["performers"].queryset = StaffMember.objects.filter(business=business)  # type: ignore[attr-defined]  # django-stubs types fields as Field; this is a ModelChoiceField
        if self.instance.pk:
            self.fields["performers"].initial = list(
                self.instance.staff.values_list("pk", flat=True)
            )


class StaffForm(IdsBoundedModelForm):
    performs = forms.ModelMultipleChoiceField(
        queryset=Service.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Services performed"),
    )

    class Meta:
        model = StaffMember
        fields = ["display_name", "role", "is_active", "position"]

    def __init__(
        self, *args: Any, business: Business, may_touch_owners: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["performs"].queryset = Service.objects.filter(business=business)  # type: ignore[attr-defined]  # django-stubs types fields as Field; this is a ModelChoiceField
        if self.instance.pk:
            self.fields["performs"].initial = list(
                self.instance.services.values_list("pk", flat=True)
            )
        if not may_touch_owners:
            # Managers cannot hand out ownership; an owner's row shows its role, fixed.
            if self.instance.pk and self.instance.role == StaffRole.OWNER:
                self.fields["role"].disabled = True
            else:
                self.fields["role"].choices = [  # type: ignore[attr-defined]  # django-stubs types fields as Field; this is a ChoiceField
                    (value, label) for value, label in StaffRole.choices if value != StaffRole.OWNER
                ]


class InviteForm(IdsBoundedForm):
    email = forms.EmailField(label=_("E-mail address"))
    display_name = forms.CharField(label=_("Display name"), max_length=80)
    role = forms.ChoiceField(label=_("Role"), choices=StaffRole.choices, initial=StaffRole.STAFF)

    def __init__(self, *args: Any, may_invite_owners: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_invite_owners:
            self.fields["role"].choices = [  # type: ignore[attr-defined]  # django-stubs types fields as Field; this is a ChoiceField
                (value, label) for value, label in StaffRole.choices if value != StaffRole.OWNER
            ]


_RANGE = re.compile(r"^\s*(\d{1,2})[:hH.]?(\d{2})?\s*[-\u2013]\s*(\d{1,2})[:hH.]?(\d{2})?\s*$")


def _parse_ranges(text: str) -> list[tuple[time, time]]:
    ranges = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = _RANGE.match(part)
        if not match:
            raise forms.ValidationError(
                _("Write ranges like 09:00-12:00, 13:00-18:00."), code="invalid_range"
            )
        h1, m1, h2, m2 = match.groups()
        try:
            start = time(int(h1), int(m1 or 0))
            end = time(int(h2), int(m2 or 0))
        except ValueError:
            raise forms.ValidationError(
                _("%(value)s is not a time of day."), params={"value": part}
            ) from None
        ranges.append((start, end))
    return _check_ranges(ranges)


def _check_ranges(ranges: list[tuple[time, time]]) -> list[tuple[time, time]]:
    """The ranges sorted, each ending after it starts, none overlapping another."""
    for start, end in ranges:
        if end <= start:
            raise forms.ValidationError(_("The end time must be after the start time."))
    ranges = sorted(ranges)
    for previous, current in pairwise(ranges):
        if current[0] < previous[1]:
            raise forms.ValidationError(_("Two ranges of one day overlap."))
    return ranges


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


RANGES_PER_DAY = 3


class WeeklyHoursForm(IdsBoundedForm):
    """Each day's working ranges as pairs of time inputs (`day_<weekday>_from_<n>`,
    `day_<weekday>_to_<n>`), as many pairs as the busiest day needs and at least three (a
    morning, an afternoon, an evening); a day without any is a day off.

    A day may instead come as one text field, `day_<weekday>`: "09:00-12:00, 13:00-18:00", as
    the form took it before it had time inputs; it is read only when that day's time inputs are
    all empty.
    """

    def __init__(self, *args: Any, member: StaffMember, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current: dict[int, list[tuple[time, time]]] = {}
        for row in WorkingHours.objects.filter(staff=member).order_by("weekday", "start"):
            current.setdefault(row.weekday, []).append((row.start, row.end))
        self.ranges = max([RANGES_PER_DAY, *(len(r) + 1 for r in current.values())])
        self.days: list[tuple[str, list[tuple[forms.BoundField, forms.BoundField]]]] = []
        for weekday, label in WorkingHours.Weekday.choices:
            self.fields[f"day_{weekday}"] = forms.CharField(
                label=label, required=False, max_length=200, widget=forms.HiddenInput
            )
            pairs = []
            for n in range(self.ranges):
                known = current.get(weekday, [])
                start, end = known[n] if n < len(known) else (None, None)
                for side, value in (("from", start), ("to", end)):
                    self.fields[f"day_{weekday}_{side}_{n}"] = forms.TimeField(
                        label=_("From") if side == "from" else _("Until"),
                        required=False,
                        initial=value,
                        widget=TimeInput(),
                    )
                pairs.append((self[f"day_{weekday}_from_{n}"], self[f"day_{weekday}_to_{n}"]))
            self.days.append((str(label), pairs))

    def _day_ranges(self, data: dict[str, Any], weekday: int) -> list[tuple[time, time]]:
        pairs = [
            (data.get(f"day_{weekday}_from_{n}"), data.get(f"day_{weekday}_to_{n}"))
            for n in range(self.ranges)
        ]
        given = [(start, end) for start, end in pairs if start or end]
        if not given:
            return _parse_ranges(str(data.get(f"day_{weekday}") or ""))
        complete = [(start, end) for start, end in given if start and end]
        if len(complete) < len(given):
            raise forms.ValidationError(_("Give each range a start and an end."))
        return _check_ranges(complete)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        hours: dict[int, list[tuple[time, time]]] = {}
        for weekday in range(7):
            try:
                hours[weekday] = self._day_ranges(data, weekday)
            except forms.ValidationError as error:
                self.add_error(f"day_{weekday}_from_0", error)
        data["hours"] = hours
        return data


class SecurityForm(IdsBoundedForm):
    require_mfa = forms.BooleanField(
        label=_("Require two-factor authentication for the whole team"), required=False
    )


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())
