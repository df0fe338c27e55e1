"""Writes of the consent app: the consent ledger and the audience counts."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from creneau.consent import policy
from creneau.consent.interface import ConsentInterface
from creneau.consent.ledger import record_digest
from creneau.consent.models import (
    ConsentBanner,
    ConsentRecord,
    ConsentSource,
    PageView,
    PolicyVersion,
)

if TYPE_CHECKING:
    from creneau.accounts.models import User

# One writer at a time appends to the chain (PostgreSQL: a transaction-level advisory lock;
# SQLite's IMMEDIATE transactions already queue writers). The unique `prev_hash` is the
# backstop: a writer that lost a race anyway gets an IntegrityError and tries again.
_LEDGER_LOCK_KEY = 0x636F6E73  # "cons"
_ATTEMPTS = 3


def _ledger_lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LEDGER_LOCK_KEY])


def consent_record(
    *,
    granted: Iterable[str],
    source: ConsentSource | str,
    interface: ConsentInterface,
    now: datetime,
    consent_id: uuid.UUID | None = None,
    user: User | None = None,
) -> ConsentRecord:
    """Append one choice to the consent ledger and return its row.

    `granted` lists the optional categories accepted (the others are refused; "necessary" may
    be listed and is always implied). `interface` is what the visitor was shown; its content is
    stored once, by digest. A new pseudonymous `consent_id` is drawn when none is given. The
    row is chained to the previous one (see `ledger.py`); nothing about the request (IP
    address, user agent) is stored. Raises ValueError for an unknown category or source.
    """
    granted_set = set(granted) - {"necessary"}
    unknown = granted_set - set(policy.OPTIONAL_CATEGORY_KEYS)
    if unknown:
        raise ValueError(f"Unknown cookie categories: {sorted(unknown)}")
    source = ConsentSource(source)
    consent_id = consent_id or uuid.uuid4()
    # The version consented to stays readable: it is recorded the first time it is used.
    policy_version_publish(now=now)
    for attempt in range(_ATTEMPTS):
        try:
            with transaction.atomic():
                _ledger_lock()
                ConsentBanner.objects.get_or_create(
                    digest=interface.digest,
                    defaults={
                        "language": interface.language,
                        "content": interface.content,
                        "created_at": now,
                    },
                )
                head = ConsentRecord.objects.order_by("-id").values_list("row_hash", flat=True)
                record = ConsentRecord(
                    consent_id=consent_id,
                    user=user,
                    policy_version=policy.policy_version(),
                    analytics="analytics" in granted_set,
                    personalisation="personalisation" in granted_set,
                    marketing="marketing" in granted_set,
                    source=source.value,
                    banner_id=interface.digest,
                    created_at=now,
                    prev_hash=head.first() or "",
                )
                record.row_hash = record_digest(record)
                record.save(force_insert=True)
                return record
        except IntegrityError:
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def page_view_record(*, path: str, day: date) -> None:
    """Count one view of `path` on `day` (our audience measurement: no visitor data at all)."""
    path = path[:255]
    if PageView.objects.filter(path=path, day=day).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            PageView.objects.create(path=path, day=day, count=1)
    except IntegrityError:
        # Another request created today's row meanwhile: count on it.
        PageView.objects.filter(path=path, day=day).update(count=F("count") + 1)


def policy_version_publish(*, now: datetime) -> PolicyVersion:
    """Record the current version of the privacy policy, with its generated sections, the first
    time it appears (rendered or consented to); afterwards return it as recorded."""
    version = policy.policy_version()
    found = PolicyVersion.objects.filter(version=version).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return PolicyVersion.objects.create(
                version=version,
                prose_version=policy.PROSE_VERSION,
                sections=policy.policy_sections_current(),
                published_at=now,
            )
    except IntegrityError:
        # Another request published it meanwhile.
        return PolicyVersion.objects.get(version=version)
