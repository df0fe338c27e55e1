"""Objection (GDPR art. 21) and opt-in: the account's marketing and personalisation choices.

Three purposes (`AccountPurpose`): news and offers by e-mail, by SMS, and personalisation
(suggestions derived from the account's bookings and the salons it looked at). Each is off
until the person opts in, each is chosen on its own, and each can be withdrawn at any time:
from the account's preferences page, from the API, or (marketing) by the one-click link each
marketing message carries (RFC 8058).

These are choices of the *account*, kept in their own append-only ledger
(`AccountConsentRecord`). The cookie categories of the banner are choices of a *browser*
(`ConsentRecord`, `consent.py`); the banner's "personalisation" covers only what the browser
remembers (the last search), not what is derived from the account. See docs/privacy.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse

from creneau.consent import policy
from creneau.consent.models import (
    AccountChoiceSource,
    AccountConsentRecord,
    AccountPurpose,
)
from creneau.privacy.tombstones import tombstone_of_address

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from creneau.accounts.models import User

UNSUBSCRIBE_SALT = "creneau.privacy.unsubscribe"
MARKETING_PURPOSES = (AccountPurpose.MARKETING_EMAIL, AccountPurpose.MARKETING_SMS)

# What other apps derived from an opt-in and must forget when it is withdrawn, registered by
# them from their `privacy.py` (bookings forgets the salons a person looked at): consent
# imports none of them.
_WITHDRAWAL_HANDLERS: dict[AccountPurpose, list[Callable[..., object]]] = {}


def withdrawal_handler_register(
    *, purpose: AccountPurpose | str, handler: Callable[..., object]
) -> None:
    """Call `handler(user=...)` inside the transaction that records the withdrawal of
    `purpose`, to delete what was derived from the opt-in. Registering twice is harmless."""
    handlers = _WITHDRAWAL_HANDLERS.setdefault(AccountPurpose(purpose), [])
    if handler not in handlers:
        handlers.append(handler)


# --- Reads ---------------------------------------------------------------------------------------


def account_choices(*, user: User) -> dict[str, bool]:
    """{purpose: granted} for every purpose; a purpose never chosen is refused."""
    choices = dict.fromkeys(AccountPurpose.values, False)
    rows = (
        AccountConsentRecord.objects.filter(user=user)
        .order_by("id")
        .values_list("purpose", "granted")
    )
    choices.update(dict(rows))  # later rows win
    return choices


def account_allows(*, user: User | AnonymousUser | None, purpose: AccountPurpose | str) -> bool:
    """Has this account opted in to `purpose`? False for anonymous visitors."""
    purpose = AccountPurpose(purpose)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    latest = (
        AccountConsentRecord.objects.filter(user=user, purpose=purpose)
        .order_by("-id")
        .values_list("granted", flat=True)
        .first()
    )
    return bool(latest)


# --- Writes --------------------------------------------------------------------------------------


def account_consent_record(
    *,
    user: User,
    purpose: AccountPurpose | str,
    granted: bool,
    source: AccountChoiceSource | str,
    now: datetime,
) -> AccountConsentRecord | None:
    """Record one choice of `user` about `purpose`; returns the new row, or None when the
    choice is already the current state (nothing to prove, nothing appended).

    Withdrawing a purpose runs, in the same transaction, the handlers registered for it with
    `withdrawal_handler_register`: withdrawing personalisation deletes what it derived and
    stored (the salons the person looked at, `bookings.personalisation`). Rebooking suggestions
    are computed on each request from the bookings and never stored, so there is nothing else
    to delete.
    """
    purpose = AccountPurpose(purpose)
    source = AccountChoiceSource(source)
    with transaction.atomic():
        if account_allows(user=user, purpose=purpose) == granted:
            return None
        record = AccountConsentRecord.objects.create(
            user=user,
            purpose=purpose.value,
            granted=granted,
            source=source.value,
            policy_version=policy.policy_version(),
            created_at=now,
        )
        if not granted:
            for handler in _WITHDRAWAL_HANDLERS.get(purpose, ()):
                handler(user=user)
    return record


def account_choices_set(
    *,
    user: User,
    choices: Mapping[str, bool],
    source: AccountChoiceSource | str,
    now: datetime,
) -> list[AccountConsentRecord]:
    """Record each purpose of `choices` that changed; returns the rows appended."""
    records = []
    with transaction.atomic():
        for purpose, granted in choices.items():
            record = account_consent_record(
                user=user, purpose=purpose, granted=granted, source=source, now=now
            )
            if record is not None:
                records.append(record)
    return records


# --- The one-click unsubscribe link --------------------------------------------------------------


def unsubscribe_token(*, user: User, purpose: AccountPurpose | str) -> str:
    """A signed token naming the account and the marketing purpose to withdraw.

    It does not expire: a link in an old message must still work (RFC 8058). It is the same
    for every message of a purpose, so a message re-sent after a crash carries the same header.
    """
    purpose = AccountPurpose(purpose)
    if purpose not in MARKETING_PURPOSES:
        raise ValueError(f"No unsubscribe link for {purpose}")
    return signing.dumps({"u": user.pk, "p": purpose.value}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(*, user: User, purpose: AccountPurpose | str) -> str:
    token = unsubscribe_token(user=user, purpose=purpose)
    return settings.SITE_URL.rstrip("/") + reverse("privacy:unsubscribe", args=[token])


def unsubscribe_from_token(token: str) -> tuple[Any, AccountPurpose] | None:
    """(user, purpose) named by a valid token of an existing account, else None."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        purpose = AccountPurpose(payload["p"])
        user_pk = int(payload["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if purpose not in MARKETING_PURPOSES:
        return None
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    return (user, purpose) if user is not None else None


# --- The marketing suppression list ----------------------------------------------------------


def marketing_suppressed(*, user: Any, address: str, purpose: AccountPurpose | str) -> bool:
    """True when `address` belongs to an erased person (a tombstone, `privacy.tombstones`) and
    `user` has not opted in to `purpose` since that erasure (a restored account's old opt-in
    does not count)."""
    tombstone = tombstone_of_address(address)
    if tombstone is None:
        return False
    return not AccountConsentRecord.objects.filter(
        user=user,
        purpose=AccountPurpose(purpose),
        granted=True,
        created_at__gt=tombstone.created_at,
    ).exists()
