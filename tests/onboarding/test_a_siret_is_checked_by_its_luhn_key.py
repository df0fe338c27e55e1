"""A SIRET is 14 digits whose Luhn key is right; La Poste's offices follow their own rule."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from creneau.catalog.siret import luhn_valid, siret_is_valid, validate_siret


@pytest.mark.parametrize("siret", ["73282932000074", "55210055400013", "732 829 320 00074"])
def test_a_siret_with_a_right_key_is_accepted(siret):
    assert siret_is_valid(siret)
    validate_siret(siret.replace(" ", ""))


@pytest.mark.parametrize(
    "siret",
    [
        "73282932000075",  # one digit off: the key no longer matches
        "73282932000047",  # two digits swapped
        "7328293200007",  # 13 digits
        "732829320000740",  # 15 digits
        "7328293200007A",
        "",
        "٧٣٢٨٢٩٣٢٠٠٠٠٧٤",  # digits of another script are not a SIRET
    ],
)
def test_a_siret_with_a_wrong_key_or_length_is_refused(siret):
    assert not siret_is_valid(siret)
    with pytest.raises(ValidationError):
        validate_siret(siret)


def test_the_luhn_check_doubles_every_second_digit_from_the_right():
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")


def test_la_poste_offices_pass_when_their_digits_add_up_to_a_multiple_of_five():
    # La Poste's SIREN 356 000 000 is shared by its offices: the Luhn key does not hold for
    # them, the sum of the digits being a multiple of 5 does (3+5+6+4+9+8+3+2 = 40).
    office = "35600000049832"
    assert not luhn_valid(office)
    assert siret_is_valid(office)
    # Its digits adding up to 41: refused.
    assert not siret_is_valid("35600000049833")
    # La Poste's head office keeps an ordinary key.
    assert siret_is_valid("35600000000048")


def test_the_la_poste_rule_is_for_la_poste_only():
    # Digits adding up to 20, Luhn key wrong, SIREN not La Poste's.
    other = "35600000110004"
    assert sum(map(int, other)) % 5 == 0 and not luhn_valid(other)
    assert not siret_is_valid(other)
