"""Mobile phone numbers: parsing national or international input, E.164 storage."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def validate_mobile(value: phonenumbers.PhoneNumber | str | None) -> None:
    """Reject numbers that are not valid mobile numbers (landlines, premium, malformed)."""
    if not value:
        return
    if isinstance(value, str):
        try:
            number = phonenumbers.parse(value, "FR")
        except phonenumbers.NumberParseException:
            raise ValidationError(_("Enter a valid mobile phone number."), code="invalid") from None
    else:
        number = value
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Enter a valid mobile phone number."), code="invalid")
    if phonenumbers.number_type(number) not in MOBILE_TYPES:
        raise ValidationError(
            _("This number is not a mobile number: we need a mobile to reach you about a booking."),
            code="not_mobile",
        )
