"""The site's one translation of a domain error: its message, shown on the next page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest

from creneau.errors import DomainError


def error_message(request: HttpRequest, error: DomainError) -> None:
    """Show `error`'s message (translatable, meant for the person) on the page that follows."""
    messages.error(request, str(error.message))
