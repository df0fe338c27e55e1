"""How durations, short dates and phone numbers read on the site and in the back office, in
the active language: one definition for both interfaces."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from creneau.phones import phone_label

__all__ = ["duration_label", "phone_label", "short_day"]


def duration_label(value: int | None) -> str:
    """45 -> "45 min", 60 -> "1 h", 90 -> "1 h 30"."""
    if value is None:
        return ""
    hours, rest = divmod(int(value), 60)
    if not hours:
        return gettext("%(minutes)d min") % {"minutes": rest}
    if not rest:
        return gettext("%(hours)d h") % {"hours": hours}
    return gettext("%(hours)d h %(minutes)02d") % {"hours": hours, "minutes": rest}


def short_day(value: date) -> str:
    """ "lun. 7 déc." in French, "Mon 7 Dec" in English: each language's abbreviations (Django's
    "D j M" gives "lun 7 Déc" in French), so the date format itself is translated."""
    # Translators: a Django date format (weekday, day, month, abbreviated); French: "D. j N".
    return date_format(value, pgettext("short date format", "D j M"))
