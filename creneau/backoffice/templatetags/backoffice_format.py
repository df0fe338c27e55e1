"""Filters of the back office's templates: durations, short dates and phone numbers written the
way the public site writes them."""

from __future__ import annotations

from datetime import date

from django import template

from creneau.catalog.formatting import duration_label, phone_label, short_day

register = template.Library()


@register.filter
def duration(value: int | None) -> str:
    return duration_label(value)


@register.filter
def day_short(value: date | None) -> str:
    return short_day(value) if value is not None else ""


@register.filter
def phone(value: object) -> str:
    return phone_label(value)
