"""Rectification (GDPR art. 16): the person corrects their profile.

The e-mail address is not changed here: allauth's e-mail change re-verifies the new address
before it replaces the old one (`account_email`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from creneau.accounts.phone import validate_mobile

if TYPE_CHECKING:
    from creneau.accounts.models import User


def customer_update_profile(
    *, user: User, first_name: str, last_name: str, phone: Any, language: str
) -> User:
    """Save the person's names, mobile phone (validated as a mobile, stored E.164) and
    language. Raises django's ValidationError for a phone that is not a mobile number."""
    if phone:
        validate_mobile(phone)
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.phone = phone
    user.language = language
    with transaction.atomic():
        user.save(update_fields=["first_name", "last_name", "phone", "language"])
    return user
