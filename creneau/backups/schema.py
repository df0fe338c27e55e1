"""Is a database's schema the code's? `migrate --check` against a copy, and the plan of the
configured database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor

from creneau.backups.storage import BackupError
from creneau.logging import redact

_URL_OPTIONS = ("sslmode", "sslrootcert", "sslcert", "sslkey", "passfile", "service")


def database_url(engine: str, database: dict[str, Any]) -> str:
    """A DATABASE_URL naming `database` (a settings dict), for a manage.py subprocess."""
    if engine == "sqlite":
        return f"sqlite:///{Path(database['NAME']).resolve()}"
    user = quote(str(database.get("USER") or ""), safe="")
    password = quote(str(database.get("PASSWORD") or ""), safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = quote(str(database.get("HOST") or ""), safe="")
    port = f":{database['PORT']}" if database.get("PORT") else ""
    options = {k: v for k, v in database.get("OPTIONS", {}).items() if k in _URL_OPTIONS}
    query = f"?{urlencode(options)}" if options else ""
    return f"postgres://{auth}{host}{port}/{quote(str(database['NAME']), safe='')}{query}"


def migrate_check(engine: str, database: dict[str, Any]) -> list[str]:
    """Run `manage.py migrate --check --plan` against `database` (in a subprocess, so that it
    is the real command with its own connection) and return the migrations it would apply.
    The URL, with its password, goes through the environment, not the command line."""
    env = {**os.environ, "DATABASE_URL": database_url(engine, database)}
    result = subprocess.run(  # noqa: S603 (our arguments, no shell)
        [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "migrate",
            "--check",
            "--plan",
            "--noinput",
            "--skip-checks",
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    # With --plan, each migration is a line of its own; its operations are indented below it.
    planned = [
        line.strip()
        for line in result.stdout.splitlines()
        if line.strip() and not line.startswith(" ") and line.strip() != "Planned operations:"
    ]
    if result.returncode == 0:
        return []
    if result.returncode == 1 and planned:
        return planned
    message = redact(result.stderr).strip().splitlines()
    raise BackupError(
        f"migrate --check failed (exit {result.returncode}): {message[-1] if message else ''}"
    )


def unapplied_migrations(connection: BaseDatabaseWrapper) -> list[str]:
    """The migrations of the code not applied in the database behind `connection` (a
    registered connection: the migration recorder looks it up by alias)."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
