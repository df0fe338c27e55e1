"""The starter price list offered to a salon that signs up, by salon type.

Usual services of a French salon of each type with a typical duration and price, as a
starting point the owner edits (names, durations, prices, which to keep) before the salon is
reviewed. Names go through gettext: an owner setting up in English starts from English names.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from creneau.catalog.models import BusinessCategory


@dataclass(frozen=True)
class StarterService:
    heading: Promise | str
    name: Promise | str
    duration_minutes: int
    price: Decimal


def _s(heading: Promise, name: Promise, minutes: int, euros: str) -> StarterService:
    return StarterService(heading, name, minutes, Decimal(euros))


_CUTS, _COLOUR, _CARE = _("Cuts"), _("Colour"), _("Care")
_BEARD, _FACE, _HANDS = _("Beard"), _("Face"), _("Hands and feet")
_WAXING, _MASSAGE = _("Waxing"), _("Massages")

STARTERS: dict[str, tuple[StarterService, ...]] = {
    BusinessCategory.HAIR: (
        _s(_CUTS, _("Women's cut and blow-dry"), 60, "45"),
        _s(_CUTS, _("Men's cut"), 30, "25"),
        _s(_CUTS, _("Children's cut"), 30, "18"),
        _s(_CUTS, _("Blow-dry"), 30, "25"),
        _s(_COLOUR, _("Colour"), 90, "60"),
        _s(_COLOUR, _("Highlights"), 120, "85"),
    ),
    BusinessCategory.BARBER: (
        _s(_CUTS, _("Men's cut"), 30, "25"),
        _s(_CUTS, _("Clipper cut"), 20, "18"),
        _s(_BEARD, _("Beard trim"), 20, "15"),
        _s(_BEARD, _("Hot towel shave"), 30, "25"),
        _s(_CUTS, _("Cut and beard"), 45, "35"),
    ),
    BusinessCategory.BEAUTY: (
        _s(_FACE, _("Facial"), 60, "55"),
        _s(_FACE, _("Eyebrow shaping"), 15, "12"),
        _s(_WAXING, _("Half-leg waxing"), 30, "22"),
        _s(_WAXING, _("Full-leg waxing"), 45, "32"),
        _s(_HANDS, _("Manicure"), 45, "30"),
    ),
    BusinessCategory.NAILS: (
        _s(_HANDS, _("Manicure"), 45, "30"),
        _s(_HANDS, _("Gel polish"), 60, "35"),
        _s(_HANDS, _("Gel extensions"), 90, "55"),
        _s(_HANDS, _("Pedicure"), 60, "40"),
        _s(_HANDS, _("Polish removal"), 15, "10"),
    ),
    BusinessCategory.SPA: (
        _s(_MASSAGE, _("Relaxing massage, 30 minutes"), 30, "45"),
        _s(_MASSAGE, _("Relaxing massage, 60 minutes"), 60, "80"),
        _s(_MASSAGE, _("Hot stone massage"), 75, "95"),
        _s(_FACE, _("Facial"), 60, "65"),
        _s(_CARE, _("Body scrub"), 45, "55"),
    ),
}


def starter_services(*, category: str) -> tuple[StarterService, ...]:
    """The starter list for a salon type (an unknown type: none)."""
    return STARTERS.get(category, ())
