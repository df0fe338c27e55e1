"""The database's own guard against two active bookings of one staff member overlapping.

PostgreSQL: an exclusion constraint over (staff, [start, blocked_until)) for active bookings,
using btree_gist. It is created by a PostgreSQL-only migration step and kept out of Django's
model state: an ExclusionConstraint in Meta would break every SQLite migration of this table.

SQLite: BEFORE INSERT and BEFORE UPDATE triggers abort a write that would overlap. SQLite
rebuilds a table (and drops its triggers) whenever a later migration alters it, so the triggers
are also re-created after every `migrate` (`ensure_overlap_guard`, `CREATE TRIGGER IF NOT
EXISTS`), and a test checks they exist.

Both raise IntegrityError, which `booking_create` turns into "this slot was just taken".
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

GUARD_NAME = "bookings_no_overlap"
_ACTIVE = "('confirmed', 'completed', 'no_show')"

POSTGRES_SQL = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""
    ALTER TABLE bookings_booking ADD CONSTRAINT {GUARD_NAME}
    EXCLUDE USING gist (staff_id WITH =, tstzrange(start, blocked_until, '[)') WITH &&)
    WHERE (status IN {_ACTIVE})
    """,
]
POSTGRES_REVERSE_SQL = [f"ALTER TABLE bookings_booking DROP CONSTRAINT IF EXISTS {GUARD_NAME}"]

SQLITE_SQL = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {GUARD_NAME}_insert
    BEFORE INSERT ON bookings_booking
    WHEN NEW.status IN {_ACTIVE}
    BEGIN
        SELECT RAISE(ABORT, '{GUARD_NAME}')
        FROM bookings_booking
        WHERE staff_id = NEW.staff_id
          AND status IN {_ACTIVE}
          AND start < NEW.blocked_until
          AND blocked_until > NEW.start;
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS {GUARD_NAME}_update
    BEFORE UPDATE OF staff_id, start, blocked_until, status ON bookings_booking
    WHEN NEW.status IN {_ACTIVE}
    BEGIN
        SELECT RAISE(ABORT, '{GUARD_NAME}')
        FROM bookings_booking
        WHERE id != NEW.id
          AND staff_id = NEW.staff_id
          AND status IN {_ACTIVE}
          AND start < NEW.blocked_until
          AND blocked_until > NEW.start;
    END
    """,
]
SQLITE_REVERSE_SQL = [
    f"DROP TRIGGER IF EXISTS {GUARD_NAME}_insert",
    f"DROP TRIGGER IF EXISTS {GUARD_NAME}_update",
]


def _execute(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install_overlap_guard(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        _execute(connection, POSTGRES_SQL)
    elif connection.vendor == "sqlite":
        _execute(connection, SQLITE_SQL)


def remove_overlap_guard(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        _execute(connection, POSTGRES_REVERSE_SQL)
    elif connection.vendor == "sqlite":
        _execute(connection, SQLITE_REVERSE_SQL)


def ensure_overlap_guard(connection: BaseDatabaseWrapper) -> None:
    """Re-create the SQLite triggers if a table rebuild dropped them (idempotent)."""
    if connection.vendor == "sqlite":
        _execute(connection, SQLITE_SQL)


def overlap_guard_present(connection: BaseDatabaseWrapper) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_constraint WHERE conname = %s", [GUARD_NAME])
            return cursor.fetchone() is not None
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{GUARD_NAME}_%"],
            )
            return bool(cursor.fetchone()[0] == 2)
    return False


OVERLAPS_SQL = f"""
    SELECT a.id, b.id FROM bookings_booking a
    JOIN bookings_booking b ON a.staff_id = b.staff_id AND a.id < b.id
    WHERE a.status IN {_ACTIVE} AND b.status IN {_ACTIVE}
      AND a.start < b.blocked_until AND b.start < a.blocked_until
"""


def overlapping_pairs(connection: BaseDatabaseWrapper) -> list[tuple[int, int]]:
    """The invariant query: pairs of active bookings of one staff member that overlap."""
    with connection.cursor() as cursor:
        cursor.execute(OVERLAPS_SQL)
        return [tuple(row) for row in cursor.fetchall()]
