"""Tamper evidence and append-only guard of the consent ledger.

Each row carries the hash of the row before it (`prev_hash`) and its own hash over its content
and that link (`row_hash`), so changing, inserting or removing a row in the middle breaks the
chain, which `ledger_verify` reports. `prev_hash` is unique: two rows can never claim the same
predecessor, so a race between two writers cannot fork the chain (the loser retries).

The link to the user is deliberately outside the hash: erasure cuts it (sets it to NULL) and the
row stays a valid, pseudonymous proof. The database refuses every other UPDATE:
- PostgreSQL: a BEFORE UPDATE trigger compares the new row with the old one, user aside;
- SQLite: BEFORE UPDATE OF <every other column> aborts, and so does setting a user.
SQLite drops triggers when a migration rebuilds the table, so `ensure_ledger_guard` puts them
back after every migrate (as the bookings overlap guard does). The guard was first installed
by migration `privacy 0002`, when the ledger was part of the privacy app; the table kept its
name when the model moved here. DELETE stays possible: the
retention job removes the oldest rows, and verification starts from the first remaining row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from django.db.backends.base.base import BaseDatabaseWrapper

if TYPE_CHECKING:
    from creneau.consent.models import ConsentRecord

GUARD_NAME = "privacy_consent_append_only"
TABLE = "privacy_consentrecord"
_HASHED_COLUMNS = (
    "id",
    "consent_id",
    "policy_version",
    "analytics",
    "personalisation",
    "marketing",
    "source",
    "banner_id",
    "created_at",
    "prev_hash",
    "row_hash",
)

POSTGRES_SQL = [
    f"""
    CREATE OR REPLACE FUNCTION {GUARD_NAME}() RETURNS trigger AS $$
    DECLARE
        expected {TABLE}%ROWTYPE;
    BEGIN
        expected := OLD;
        expected.user_id := NULL;
        IF NEW IS NOT DISTINCT FROM expected THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '{GUARD_NAME}' USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    f"DROP TRIGGER IF EXISTS {GUARD_NAME} ON {TABLE}",
    f"""
    CREATE TRIGGER {GUARD_NAME} BEFORE UPDATE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {GUARD_NAME}()
    """,
]
POSTGRES_REVERSE_SQL = [
    f"DROP TRIGGER IF EXISTS {GUARD_NAME} ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {GUARD_NAME}()",
]

SQLITE_SQL = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {GUARD_NAME}_content
    BEFORE UPDATE OF {", ".join(_HASHED_COLUMNS)} ON {TABLE}
    BEGIN
        SELECT RAISE(ABORT, '{GUARD_NAME}');
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS {GUARD_NAME}_user
    BEFORE UPDATE OF user_id ON {TABLE}
    WHEN NEW.user_id IS NOT NULL
    BEGIN
        SELECT RAISE(ABORT, '{GUARD_NAME}');
    END
    """,
]
SQLITE_REVERSE_SQL = [
    f"DROP TRIGGER IF EXISTS {GUARD_NAME}_content",
    f"DROP TRIGGER IF EXISTS {GUARD_NAME}_user",
]


def _execute(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install_ledger_guard(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        _execute(connection, POSTGRES_SQL)
    elif connection.vendor == "sqlite":
        _execute(connection, SQLITE_SQL)


def remove_ledger_guard(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        _execute(connection, POSTGRES_REVERSE_SQL)
    elif connection.vendor == "sqlite":
        _execute(connection, SQLITE_REVERSE_SQL)


def ensure_ledger_guard(connection: BaseDatabaseWrapper) -> None:
    """Re-create the SQLite triggers if a table rebuild dropped them (idempotent)."""
    if connection.vendor == "sqlite":
        _execute(connection, SQLITE_SQL)


def row_digest(
    *,
    consent_id: str,
    policy_version: str,
    analytics: bool,
    personalisation: bool,
    marketing: bool,
    source: str,
    banner_digest: str,
    created_at: datetime,
    prev_hash: str,
) -> str:
    """SHA-256 over a canonical JSON of the row's content and its link to the previous row."""
    payload = {
        "consent_id": str(consent_id),
        "policy_version": policy_version,
        "analytics": bool(analytics),
        "personalisation": bool(personalisation),
        "marketing": bool(marketing),
        "source": source,
        "banner": banner_digest,
        "created_at": created_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def record_digest(record: ConsentRecord) -> str:
    return row_digest(
        consent_id=str(record.consent_id),
        policy_version=record.policy_version,
        analytics=record.analytics,
        personalisation=record.personalisation,
        marketing=record.marketing,
        source=record.source,
        banner_digest=record.banner_id,
        created_at=record.created_at,
        prev_hash=record.prev_hash,
    )


@dataclass(frozen=True)
class LedgerProblem:
    record_id: int
    reason: str


def ledger_verify(records: Iterable[ConsentRecord] | None = None) -> list[LedgerProblem]:
    """Check the chain, oldest first; an empty list means the ledger is intact.

    Without `records`, the whole ledger is read in id order, in batches.
    """
    if records is None:
        from creneau.consent.models import ConsentRecord

        records = ConsentRecord.objects.order_by("id").iterator(chunk_size=2000)
    problems: list[LedgerProblem] = []
    previous: ConsentRecord | None = None
    for record in records:
        if previous is not None and record.prev_hash != previous.row_hash:
            problems.append(LedgerProblem(record.id, "does not follow the previous row"))
        if record.row_hash != record_digest(record):
            problems.append(LedgerProblem(record.id, "content does not match its hash"))
        previous = record
    return problems
