"""Erasures that survive a restore: tombstones, their replay, and the marketing suppression list.

Each completed erasure (`customer_erase`) leaves, per address of the person, an
`ErasureTombstone`: HMAC-SHA256 of the normalised e-mail address or E.164 phone, keyed by
ERASURE_TOMBSTONE_KEY if set, else a key derived from SECRET_KEY (`salted_hmac`). Set
ERASURE_TOMBSTONE_KEY before rotating SECRET_KEY, or older tombstones stop matching.

A restored database lacks the tombstones written after its backup, so each one is also appended
to a journal file (ERASURE_TOMBSTONE_JOURNAL, default VAR_DIR/erasure-tombstones.log, to be kept
outside the database backups). `erasure_replay` first loads the journal into the table, then
erases again (`customer_erase`, notify=False: the person was told the first time) every account
whose address has a tombstone at least as recent as the account: an account opened after the
erasure, with the same address, is someone's new account and is left alone.

The same tombstones are the marketing suppression list: news and offers to an erased address
are refused unless the account opted in again after the erasure (`marketing_suppressed`, in
`creneau.consent.objection`, asks `tombstone_of_address`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from creneau.privacy.models import ErasureReceipt, ErasureTombstone
from creneau.privacy.registry import AnyUser

logger = logging.getLogger("creneau.privacy")

_SALT = "creneau.privacy.erasure_tombstone"
Kind = ErasureTombstone.Kind


def _secret() -> str:
    return getattr(settings, "ERASURE_TOMBSTONE_KEY", "") or settings.SECRET_KEY


def normalise(kind: str, value: str) -> str:
    value = str(value).strip()
    if kind == Kind.EMAIL:
        return value.lower()
    return "".join(ch for ch in value if ch.isdigit() or ch == "+")


def subject_digest(kind: str, value: str) -> str:
    """The keyed hash of an address (hex, 64 characters)."""
    return salted_hmac(
        _SALT, f"{kind}:{normalise(kind, value)}", secret=_secret(), algorithm="sha256"
    ).hexdigest()


def journal_path() -> Path:
    configured = getattr(settings, "ERASURE_TOMBSTONE_JOURNAL", "")
    return Path(configured) if configured else Path(settings.VAR_DIR) / "erasure-tombstones.log"


def _journal_append(rows: list[tuple[str, str, datetime]]) -> None:
    path = journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="ascii") as journal:
        for kind, digest, when in rows:
            journal.write(f"{kind} {digest} {when.isoformat()}\n")


def _store(rows: list[tuple[str, str, datetime]]) -> None:
    # A later erasure of the same address (a new account, erased too) moves the time forward.
    ErasureTombstone.objects.bulk_create(
        [ErasureTombstone(kind=k, digest=d, created_at=w) for k, d, w in rows],
        update_conflicts=True,
        unique_fields=["kind", "digest"],
        update_fields=["created_at"],
    )


def tombstones_record(*, emails: Iterable[str], phones: Iterable[str], now: datetime) -> None:
    """Called by `customer_erase` inside its transaction; the journal is written once the
    erasure is committed (an erasure rolled back leaves no tombstone)."""
    rows = [(Kind.EMAIL.value, subject_digest(Kind.EMAIL, e), now) for e in emails if e]
    rows += [(Kind.PHONE.value, subject_digest(Kind.PHONE, p), now) for p in phones if p]
    if not rows:
        return
    _store(rows)
    transaction.on_commit(lambda: _journal_append(rows))


def tombstones_load_journal() -> int:
    """Put the journal's tombstones back in the table (after a restore); returns the lines read."""
    path = journal_path()
    if not path.exists():
        return 0
    latest: dict[tuple[str, str], datetime] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        kind, digest, when = line.split()
        moment = datetime.fromisoformat(when)
        if latest.get((kind, digest), moment) <= moment:
            latest[(kind, digest)] = moment
    current = {
        (t.kind, t.digest): t.created_at
        for t in ErasureTombstone.objects.filter(digest__in=[d for _, d in latest])
    }
    _store([(k, d, w) for (k, d), w in latest.items() if current.get((k, d), w) <= w])
    return len(latest)


def _digests_of(user: AnyUser) -> dict[str, str]:
    from allauth.account.models import EmailAddress

    emails = {user.email} | set(
        EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    digests = {subject_digest(Kind.EMAIL, e): Kind.EMAIL.value for e in emails if e}
    if getattr(user, "phone", None):
        digests[subject_digest(Kind.PHONE, str(user.phone))] = Kind.PHONE.value
    return digests


def _tombstone_of(user: AnyUser) -> ErasureTombstone | None:
    """The newest tombstone matching one of the account's addresses, if any."""
    digests = _digests_of(user)
    return ErasureTombstone.objects.filter(digest__in=list(digests)).order_by("-created_at").first()


def erasure_replay(*, now: datetime | None = None, dry_run: bool = False) -> list[str]:
    """Erase again every account matching a tombstone at least as recent as the account
    (`date_joined`). Returns the receipts' references (or the account ids, dry). Reads every
    account once: a restore is rare, and a hash cannot be looked up the other way."""
    from creneau.privacy.erasure import ErasureRefused, customer_erase

    now = now or timezone.now()
    if not dry_run:
        tombstones_load_journal()
    if not ErasureTombstone.objects.exists():
        return []
    done = []
    for user in get_user_model().objects.order_by("pk").iterator():
        tombstone = _tombstone_of(user)
        if tombstone is None or tombstone.created_at < user.date_joined:
            continue
        if dry_run:
            done.append(str(user.pk))
            continue
        try:
            receipt = customer_erase(
                user=user, actor=None, reason=ErasureReceipt.Reason.REPLAY, now=now, notify=False
            )
        except ErasureRefused as refused:
            logger.warning("erasure replay: account %s refused: %s", user.pk, refused)
            continue
        done.append(receipt.reference)
    return done


def tombstone_of_address(address: str) -> ErasureTombstone | None:
    """The tombstone of an e-mail address (with "@") or phone, if that address was erased."""
    kind = Kind.EMAIL if "@" in address else Kind.PHONE
    return ErasureTombstone.objects.filter(kind=kind, digest=subject_digest(kind, address)).first()
