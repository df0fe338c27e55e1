"""The SIRET number of a French establishment: 14 digits whose Luhn key is right.

The SIREN (its first 9 digits, the company) is Luhn-checked as part of the whole. La Poste is
the one known exception: its many offices share the SIREN 356 000 000 and their SIRET numbers
could not all keep a Luhn key, so INSEE checks them by another rule, the sum of their 14
digits being a multiple of 5.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    """Whether a string of digits passes the Luhn check (every second digit from the right
    doubled, the digits of the products summed, the total a multiple of 10)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def siret_normalise(value: str) -> str:
    """The SIRET without the spaces (and dots) people write it with: "552 100 554 00013"."""
    return "".join(char for char in value if char not in " .\u00a0\u202f")


def siret_is_valid(value: str) -> bool:
    digits = siret_normalise(value)
    if len(digits) != 14 or not digits.isascii() or not digits.isdigit():
        return False
    if digits.startswith(LA_POSTE_SIREN):
        return luhn_valid(digits) or sum(int(char) for char in digits) % 5 == 0
    return luhn_valid(digits)


def validate_siret(value: str) -> None:
    """A model and form validator: 14 digits with a right Luhn key (or La Poste's rule)."""
    if not siret_is_valid(value):
        raise ValidationError(
            _("Enter the 14 digits of your SIRET number, as on your Kbis or INSEE notice."),
            code="invalid_siret",
        )
