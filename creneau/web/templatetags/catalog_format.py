"""Formatting of catalogue values: durations and prices."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext

from creneau.catalog.formatting import duration_label

register = template.Library()


@register.filter
def minutes(value: int | None) -> str:
    """45 -> "45 min", 60 -> "1 h", 90 -> "1 h 30"."""
    return duration_label(value)


@register.filter
def euros(value: Decimal | None) -> str:
    """A price in the active language's format, cents only when there are some; 0 is "Free"."""
    if value is None:
        return ""
    if value == 0:
        return gettext("Free")
    # Translators: a price in euros; French writes "35,50 €".
    return gettext("€%(amount)s") % {"amount": floatformat(value, "-2")}
