"""Dates and phone numbers as people write them: "1er janvier" in French, one date style per
language, mobile numbers in the national format ("06 12 34 56 78")."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import get_language

from creneau.phones import phone_label

register = template.Library()

# An unescaped "j" (day of the month without leading zero) in a Django date format.
_DAY = re.compile(r"(?<!\\)j")


def prose_date_format(value: date | datetime, format_string: str) -> str:
    """`format_string` (a Django date format or a format's name, e.g. "DATE_FORMAT") with the
    first day of the month written "1er" in French."""
    fmt = formats.get_format(format_string) if format_string.isupper() else format_string
    if value.day == 1 and (get_language() or "").startswith("fr"):
        # Escaped: "e" and "r" are format characters of their own.
        fmt = _DAY.sub(r"1\\e\\r", fmt)
    return formats.date_format(value, fmt)


@register.filter(expects_localtime=True)
def prose_date(value: Any, arg: str = "DATE_FORMAT") -> str:
    """Like the `date` filter, for dates in sentences: {{ day|prose_date:"l j F Y" }}."""
    if not isinstance(value, date):
        return ""
    return prose_date_format(value, arg)


@register.filter
def phone_national(value: Any) -> str:
    """A French number as "06 12 34 56 78"; a foreign one internationally ("+44 7911 123456")."""
    return phone_label(value)
