"""Historical: the append-only guard of the consent ledger as migration `privacy 0002` installed
it, when the ledger was a model of this app. That migration imports this module, and landed
migrations are never edited, so the code it runs is kept here, frozen, as Django keeps
historical models. The ledger now belongs to the consent app: `creneau.consent.ledger` owns the
guard (same triggers, same table) and puts the SQLite triggers back after every migrate. Do not
import this module from live code.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

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
