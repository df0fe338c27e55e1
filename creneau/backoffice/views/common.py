"""Small helpers shared by the back-office views."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpRequest

from creneau.catalog.models import Business
from creneau.dates import date_param
from creneau.errors import DomainError


def salon_tz(business: Business) -> ZoneInfo:
    return ZoneInfo(business.timezone)


def local_today(business: Business, now: datetime) -> date:
    return now.astimezone(salon_tz(business)).date()


def day_param(request: HttpRequest, default: date, name: str = "date") -> date:
    """The `?date=YYYY-MM-DD` of the request, or `default` when missing, malformed or outside
    the plausible range (`creneau.dates`)."""
    return date_param(request.GET.get(name), default)


def int_param(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name) or request.POST.get(name) or ""
    return int(raw) if raw.isdigit() else None


def error_message(request: HttpRequest, error: DomainError) -> None:
    """The back office's one translation of a domain error raised inside a page: its message,
    shown on the page that follows. (NotFound and NotAllowed that escape a view become 404 and
    403 in `guard.salon_view`.)"""
    messages.error(request, str(error.message))
