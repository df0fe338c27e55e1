"""Phone numbers as people read them, on the site, in the back office and in messages."""

from __future__ import annotations

from phonenumbers import PhoneNumberFormat, format_number, parse
from phonenumbers.phonenumberutil import NumberParseException, region_code_for_number


def phone_label(value: object) -> str:
    """A French number as the French write it ("06 99 88 77 66"), any other internationally
    ("+44 20 7946 0958"), which is how it is dialled from France; empty stays empty."""
    raw = str(value or "")
    if not raw:
        return ""
    try:
        number = parse(raw, "FR")
    except NumberParseException:
        return raw
    if region_code_for_number(number) == "FR":
        return format_number(number, PhoneNumberFormat.NATIONAL)
    return format_number(number, PhoneNumberFormat.INTERNATIONAL)
