"""Restriction of processing (GDPR art. 18): while it lasts, the person's data is only stored.

Where processing happens, the feature asks `processing_restricted(...)` and stops: the
marketing gate refuses news and offers, personalisation neither reads nor writes, the salons
see "restricted" (never why) beside the customer. A reminder of a booking the person keeps is
still sent: the person keeps the appointment, and the reminder is part of it (art. 18(2)
allows processing the person consents to; keeping the booking is that). A restriction marks the
account and, by the keyed hash of its address, the contacts salons entered with that address.
Starting and lifting are recorded in the audit (`processing.restricted`,
`processing.restriction_lifted`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from creneau.privacy.audit import audit_record
from creneau.privacy.models import ErasureTombstone, ProcessingRestriction
from creneau.privacy.tombstones import subject_digest

Source = ProcessingRestriction.Source

# Called as `handler(user=..., email=..., now=...)` in the transaction that starts a
# restriction: what a feature had already set in motion stops there (consent: the news and
# offers queued and not yet sent).
_START_HANDLERS: list[Callable[..., object]] = []


def restriction_handler_register(handler: Callable[..., object]) -> None:
    """Register what stops when a restriction starts. Registering twice is harmless."""
    if handler not in _START_HANDLERS:
        _START_HANDLERS.append(handler)


def email_digest(email: str) -> str:
    return subject_digest(ErasureTombstone.Kind.EMAIL, email) if email else ""


def _active() -> QuerySet[ProcessingRestriction]:
    return ProcessingRestriction.objects.filter(lifted_at__isnull=True)


def _matching(*, user: Any = None, email: str = "") -> Q:
    condition = Q(pk__in=[])
    if user is not None and user.pk is not None:
        condition |= Q(user=user)
        if user.email:
            condition |= Q(email_digest=email_digest(user.email))
    if email:
        condition |= Q(email_digest=email_digest(email))
    return condition


def processing_restricted(*, user: Any = None, email: str = "") -> bool:
    """Is the processing of this account's data, or of what is held under `email`, restricted?"""
    if (user is None or user.pk is None) and not email:
        return False
    return _active().filter(_matching(user=user, email=email)).exists()


def restricted_user_ids(user_ids: Iterable[int]) -> set[int]:
    """Of these accounts, those restricted (one query; for the salons' customer lists)."""
    ids = list(user_ids)
    if not ids:
        return set()
    return set(_active().filter(user_id__in=ids).values_list("user_id", flat=True))


def restricted_emails(emails: Iterable[str]) -> set[str]:
    """Of these addresses, those restricted, as given (one query)."""
    by_digest = {email_digest(e): e for e in emails if e}
    found = _active().filter(email_digest__in=by_digest).values_list("email_digest", flat=True)
    return {by_digest[digest] for digest in found}


def restriction_start(
    *,
    actor: Any,
    now: datetime,
    source: str,
    user: Any = None,
    email: str = "",
    reason: str = "",
) -> ProcessingRestriction:
    """Restrict the processing of an account's data (and of what salons hold under its
    address), or of a person known only by `email`. Idempotent: an active restriction is
    returned as it is. `reason` (a request's reference) goes to the audit only."""
    if user is None and not email:
        raise ValueError("A restriction needs an account or an address.")
    email = email or (user.email if user is not None else "")
    with transaction.atomic():
        existing = _active().filter(_matching(user=user, email=email)).first()
        if existing is not None:
            return existing
        restriction = ProcessingRestriction.objects.create(
            user=user,
            email_digest=email_digest(email),
            source=Source(source),
            started_at=now,
        )
        audit_record(
            actor=actor,
            action="processing.restricted",
            subject_user=user,
            obj=restriction,
            reason=reason,
            now=now,
        )
        for handler in _START_HANDLERS:
            handler(user=user, email=email, now=now)
    return restriction


def restriction_lift(*, actor: Any, now: datetime, user: Any = None, email: str = "") -> int:
    """Lift every active restriction of the account or address; returns how many."""
    with transaction.atomic():
        lifted = list(_active().filter(_matching(user=user, email=email)))
        for restriction in lifted:
            ProcessingRestriction.objects.filter(pk=restriction.pk, lifted_at__isnull=True).update(
                lifted_at=now
            )
            audit_record(
                actor=actor,
                action="processing.restriction_lifted",
                subject_user=restriction.user,
                obj=restriction,
                now=now,
            )
    return len(lifted)
