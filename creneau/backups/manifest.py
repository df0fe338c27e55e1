"""The manifest beside each backup (`<backup>.json`): when, which engine, the migration state,
the row count of each model table and the file's SHA-256. Table names, counts and migration
names only: nothing in it is about a person, so it can be read, logged and compared freely."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.apps import apps

from creneau.backups.storage import BackupError, manifest_path, private_file_write

FORMAT = 1
ENGINES = ("sqlite", "postgresql")


@dataclass(frozen=True)
class Contents:
    """What a database holds, in numbers: the latest applied migration of each app (by name,
    as numbered migrations sort) and the row count of each model table present."""

    migrations: dict[str, str]
    row_counts: dict[str, int]

    @property
    def rows(self) -> int:
        return sum(self.row_counts.values())


@dataclass(frozen=True)
class Manifest:
    created_at: datetime
    engine: str
    file: str
    size: int
    sha256: str
    contents: Contents

    def as_json(self) -> str:
        data: dict[str, Any] = {"format": FORMAT, **asdict(self)}
        data["created_at"] = self.created_at.isoformat()
        data["migrations"] = data["contents"]["migrations"]
        data["row_counts"] = data.pop("contents")["row_counts"]
        return json.dumps(data, indent=2, sort_keys=True) + "\n"


def manifest_write(manifest: Manifest, *, backup: Path) -> Path:
    path = manifest_path(backup)
    private_file_write(path, manifest.as_json().encode())
    return path


def manifest_read(backup: Path) -> Manifest:
    """The manifest of `backup`; BackupError when it is missing or not one of ours."""
    path = manifest_path(backup)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["format"] != FORMAT or data["engine"] not in ENGINES:
            raise ValueError("unknown format or engine")
        return Manifest(
            created_at=datetime.fromisoformat(data["created_at"]),
            engine=data["engine"],
            file=data["file"],
            size=int(data["size"]),
            sha256=data["sha256"],
            contents=Contents(
                migrations={str(k): str(v) for k, v in data["migrations"].items()},
                row_counts={str(k): int(v) for k, v in data["row_counts"].items()},
            ),
        )
    except FileNotFoundError:
        raise BackupError(f"no manifest beside the backup (expected {path})") from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BackupError(f"the manifest {path} is not readable: {error}") from None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_tables() -> set[str]:
    """The tables of every installed model, many-to-many tables included."""
    return {
        model._meta.db_table
        for config in apps.get_app_configs()
        for model in config.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    }


_TABLES_SQL = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table'",
    "postgresql": (
        "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = ANY (current_schemas(false))"
    ),
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def contents_read(cursor: Any, *, vendor: str) -> Contents:
    """Read the contents of the database behind a DB-API `cursor` (sqlite3, psycopg or Django's
    wrapper), inside whatever snapshot the cursor's transaction sees."""
    cursor.execute(_TABLES_SQL[vendor])
    present = {row[0] for row in cursor.fetchall()}
    counts = {}
    for table in sorted(model_tables() & present):
        # Table names come from the models, quoted: no outside input reaches this SQL.
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608
        counts[table] = int(cursor.fetchone()[0])
    migrations: dict[str, str] = {}
    if "django_migrations" in present:
        cursor.execute("SELECT app, MAX(name) FROM django_migrations GROUP BY app ORDER BY app")
        migrations = {app: name for app, name in cursor.fetchall()}
    return Contents(migrations=migrations, row_counts=counts)


def contents_differences(expected: Contents, found: Contents) -> list[str]:
    """Each difference between two contents, as a sentence naming the table or app."""
    problems = []
    for table in sorted(expected.row_counts.keys() | found.row_counts.keys()):
        want, got = expected.row_counts.get(table), found.row_counts.get(table)
        if want != got:
            problems.append(
                f"table {table}: {'missing' if got is None else got} rows restored, "
                f"the manifest says {'no such table' if want is None else want}"
            )
    for app in sorted(expected.migrations.keys() | found.migrations.keys()):
        want_m, got_m = expected.migrations.get(app), found.migrations.get(app)
        if want_m != got_m:
            problems.append(f"migrations of {app}: {got_m} restored, the manifest says {want_m}")
    return problems
