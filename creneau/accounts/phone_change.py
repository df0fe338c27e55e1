"""A new mobile number is verified before it replaces the old one (the privacy policy's promise):
a six-digit code goes to the new number by SMS, through the outbox like every message, and the
number changes when the person types the code back."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from creneau.accounts.models import PhoneChange, User
from creneau.accounts.phone import validate_mobile
from creneau.accounts.profile import customer_update_profile
from creneau.errors import DomainError
from creneau.notifications.models import Channel
from creneau.notifications.outbox import language_of, message_store

CODE_VALIDITY = timedelta(minutes=15)
MAX_ATTEMPTS = 5


class PhoneCodeRefused(DomainError):
    code = "phone_code_refused"


def _digest(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def phone_change_request(*, user: User, phone: Any, now: datetime) -> PhoneChange | None:
    """Send a code to `phone` and keep it pending; None when `phone` is already the account's
    (nothing to verify). Raises django's ValidationError for a number that is not a mobile."""
    validate_mobile(phone)
    if str(phone) == str(user.phone or ""):
        PhoneChange.objects.filter(user=user).delete()
        return None
    code = f"{secrets.randbelow(1_000_000):06d}"
    language = language_of(user)
    with translation.override(language):
        text = gettext(
            "%(code)s is your %(site)s code to confirm this mobile number. It expires in 15 "
            "minutes."
        ) % {"code": code, "site": settings.SITE_NAME}
    with transaction.atomic():
        PhoneChange.objects.filter(user=user).delete()
        change = PhoneChange.objects.create(
            user=user,
            phone=phone,
            code_digest=_digest(code),
            created_at=now,
            expires_at=now + CODE_VALIDITY,
        )
        message_store(
            channel=Channel.SMS,
            template="account/phone_verification",
            language=language,
            to_address=str(phone),
            subject="",
            body_text=text,
            user=user,
            now=now,
        )
    return change


def phone_change_pending(*, user: User, now: datetime) -> PhoneChange | None:
    return PhoneChange.objects.filter(user=user, expires_at__gt=now).first()


def phone_change_confirm(*, user: User, code: str, now: datetime) -> User:
    """Replace the account's phone with the pending one when `code` is the one sent.

    Raises PhoneCodeRefused for a wrong, expired or exhausted code; after MAX_ATTEMPTS wrong
    codes the pending change is dropped (a new code must be asked for), so six digits cannot be
    guessed."""
    refusal = ""
    with transaction.atomic():
        change = PhoneChange.objects.select_for_update().filter(user=user).first()
        if change is None or change.expires_at <= now:
            refusal = gettext("This code has expired: ask for a new one.")
        elif not hmac.compare_digest(change.code_digest, _digest(code.strip())):
            # The count is saved before refusing (outside the rollback of an exception).
            change.attempts += 1
            if change.attempts >= MAX_ATTEMPTS:
                change.delete()
                refusal = gettext("Too many wrong codes: ask for a new one.")
            else:
                change.save(update_fields=["attempts"])
                refusal = gettext("This code is not the one we sent.")
        else:
            user.phone = change.phone
            user.save(update_fields=["phone"])
            change.delete()
    if refusal:
        raise PhoneCodeRefused(refusal)
    return user


def profile_change(
    *, user: User, first_name: str, last_name: str, language: str, phone: Any, now: datetime
) -> PhoneChange | None:
    """What the profile form asks, from the site or the app: names and language saved at once,
    a new mobile number sent its code (it counts once confirmed). One transaction: a number
    refused leaves the names as they were. Returns the pending change, if any."""
    with transaction.atomic():
        change = phone_change_request(user=user, phone=phone, now=now)
        customer_update_profile(
            user=user,
            first_name=first_name,
            last_name=last_name,
            phone=user.phone,
            language=language,
        )
    return change
