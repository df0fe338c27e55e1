"""The plausible range of dates and times a person may send, stated once.

Every date or time that comes from a request (the site's and the back office's forms and query
strings, the API's schemas) is checked against this range before anything computes with it: a
year 1 or 9999 would otherwise overflow the first `timedelta` added to it, deep in the agenda or
the slot engine. The range is wide enough for every real use: the past for the agenda and the
customer's history, the future up to the longest booking horizon a salon may set (366 days,
`Business.horizon_days`) plus a margin for searches and for browsing the week after.

Forms use `PlausibleDateField` / `PlausibleDateTimeField` (or `check_plausible`); the API's
pydantic schemas use `plausible_date` / `plausible_datetime` as field validators.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# Ten years (with their leap days) back, for the agenda and the customer's history.
PAST_DAYS = 3653
# The longest booking horizon (Business.horizon_days is at most 366) and a margin.
FUTURE_DAYS = 366 + 60


def plausible_range(today: date | None = None) -> tuple[date, date]:
    """(first, last) day a request may name, both included."""
    today = today or timezone.localdate()
    return today - timedelta(days=PAST_DAYS), today + timedelta(days=FUTURE_DAYS)


def is_plausible(value: date | datetime, today: date | None = None) -> bool:
    first, last = plausible_range(today)
    day = value.date() if isinstance(value, datetime) else value
    return first <= day <= last


def implausible_message(today: date | None = None) -> str:
    """What to tell a person who sent a date outside the range."""
    first, last = plausible_range(today)
    return str(
        _("Choose a date between %(first)s and %(last)s.")
        % {
            "first": date_format(first, "SHORT_DATE_FORMAT"),
            "last": date_format(last, "SHORT_DATE_FORMAT"),
        }
    )


def check_plausible(value: date | datetime) -> None:
    """A form validator: ValidationError (code "implausible_date") outside the range."""
    if not is_plausible(value):
        raise forms.ValidationError(implausible_message(), code="implausible_date")


class PlausibleDateField(forms.DateField):
    default_validators = [check_plausible]


class PlausibleDateTimeField(forms.DateTimeField):
    default_validators = [check_plausible]

    def to_python(self, value: str | datetime | date | None) -> datetime | None:
        try:
            return super().to_python(value)
        except OverflowError:
            # Making a far-off naive time aware can overflow: that is an implausible date too.
            raise forms.ValidationError(implausible_message(), code="implausible_date") from None


def plausible_date(value: date | None) -> date | None:
    """A pydantic field validator: ValueError outside the range."""
    if value is not None and not is_plausible(value):
        first, last = plausible_range()
        raise ValueError(f"Choose a date between {first.isoformat()} and {last.isoformat()}.")
    return value


def plausible_datetime(value: datetime | None) -> datetime | None:
    """A pydantic field validator: ValueError outside the range."""
    if value is not None and not is_plausible(value):
        first, last = plausible_range()
        raise ValueError(f"Choose a time between {first.isoformat()} and {last.isoformat()}.")
    return value


def date_param(raw: str | None, default: date) -> date:
    """A `?date=YYYY-MM-DD` query parameter: `default` when missing, malformed or implausible
    (a page reached by a hand-written address shows its default day, not an error)."""
    if not raw:
        return default
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        return default
    return value if is_plausible(value) else default
