"""Erasure of a customer (GDPR art. 17), pretix's shredder recipe: check the preconditions in
one place (the framework's own and the blockers the apps register), let each app erase what
it declared (its `privacy.py` handler, in registry order), keep what the law requires
pseudonymised, redact the audit trail without deleting it, write a receipt without personal
data, and tell the person through a message that forgets its own address once sent. The
export (`privacy.export`) is offered before, on the same page.

On SQLite the database runs with `secure_delete` (freed pages are zeroed) and erasure
checkpoints the WAL afterwards, so a raw search of the files finds nothing. PostgreSQL keeps
dead row versions until VACUUM and in backups until they rotate: see docs/privacy.md.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime

from allauth.account.models import EmailAddress
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creneau.errors import DomainError
from creneau.notifications.models import OutboundMessage
from creneau.notifications.outbox import language_of, message_enqueue
from creneau.privacy.models import ErasureReceipt
from creneau.privacy.registry import AnyUser, ErasureContext, registry
from creneau.privacy.tombstones import tombstones_record

logger = logging.getLogger("creneau.privacy")

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class ErasureRefused(DomainError):
    """`erasure_blockers` gave reasons: nothing was erased. `reasons` are shown to the person."""

    code = "erasure_refused"
    status = 409

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(str(reason) for reason in reasons))
        self.reasons = reasons


def erasure_blockers(*, user: AnyUser) -> list[str]:
    """Why `user` cannot be erased as a customer now (empty: they can). The one place the
    preconditions are checked: the framework's own (platform staff), then each blocker an app
    registered (`registry.register_erasure_blocker`); the account page shows these reasons
    instead of the button."""
    reasons = []
    if user.is_staff or user.is_superuser:
        reasons.append(_("Platform staff accounts are closed by an administrator."))
    for blocker in registry.erasure_blockers():
        if blocker.rows(user).exists():
            reasons.append(str(blocker.reason))
    return reasons


def _reference() -> str:
    return "ER-" + "".join(secrets.choice(_ALPHABET) for _ in range(10))


def sqlite_checkpoint() -> None:
    """Write the WAL back into the database file and truncate it, so erased rows survive in
    neither (secure_delete has zeroed them in the file). Outside a transaction only."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def customer_erase(
    *,
    user: AnyUser,
    actor: AnyUser | None,
    reason: str,
    now: datetime | None = None,
    notify: bool = True,
) -> ErasureReceipt:
    """Erase `user` and everything about them, in one transaction, and return the receipt.

    `actor` is the person who asked: the user themself (from the account) or platform staff
    (a request to the operator); `reason` is an `ErasureReceipt.Reason`. Raises ErasureRefused
    when `erasure_blockers` gives reasons. Future bookings are cancelled and their salons told;
    past bookings are kept for accounting without the customer; the user row, addresses,
    sessions, authenticators, messages, reminders, notes, exports and walk-in contacts with
    the same e-mail or phone go; consent proofs lose their link; audit entries are redacted.
    A confirmation goes to the person's address, which the outbox blanks once sent, unless
    `notify` is False (retention of a sign-up whose address was never verified: it may not be
    theirs, and they never used the account).
    """
    now = now or timezone.now()
    reason = ErasureReceipt.Reason(reason)
    blockers = erasure_blockers(user=user)
    if blockers:
        raise ErasureRefused(blockers)
    address = user.email
    language = language_of(user)
    emails = {user.email.lower()}
    emails.update(
        e.lower() for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    phones = {str(user.phone)} if user.phone else set()
    context = ErasureContext(user=user, actor=actor, now=now, emails=emails, phones=phones)
    with transaction.atomic():
        for handlers in registry.handlers():
            if handlers.erase is not None:
                handlers.erase(context)
        # What survives a restore: keyed hashes of the addresses (privacy.tombstones).
        tombstones_record(emails=emails, phones=phones, now=now)
        receipt = ErasureReceipt.objects.create(
            reference=_reference(),
            created_at=now,
            reason=reason,
            actor=actor if actor is not None and actor.pk != user.pk else None,
            counts=dict(sorted(context.counts.items())),
        )
        if notify:
            message = message_enqueue(
                template="account_erased",
                to_address=address,
                language=language,
                context={"reference": receipt.reference, "erased_at": now},
                now=now,
            )
            OutboundMessage.objects.filter(pk=message.pk).update(erase_after_send=True)
        # After the confirmation's delivery, which is queued on commit before this.
        transaction.on_commit(sqlite_checkpoint)
    logger.info("erasure %s done (%s)", receipt.reference, reason.value)
    return receipt
