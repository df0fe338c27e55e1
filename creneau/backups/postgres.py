"""PostgreSQL: pg_dump (custom format) and pg_restore, run as programs.

The connection parameters come from the Django connection's settings (DATABASE_URL; under
pytest-django, the test database). They reach the programs through the environment (PGHOST,
PGPORT, PGUSER, PGPASSWORD, PGDATABASE): the password is never on a command line, where any
user of the machine could read it in the process list, and never in our output. `--no-password`
keeps the programs from ever waiting on a prompt (cron has no terminal).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import psycopg
from django.conf import settings

from creneau.backups.manifest import Contents, contents_read
from creneau.backups.storage import BackupError
from creneau.logging import redact

# Debian installs the server programs here, one directory per major version.
_DEBIAN_BIN = Path("/usr/lib/postgresql")
# libpq's connection keywords and the environment variables the programs read them from.
_LIBPQ_ENVIRONMENT = {
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "dbname": "PGDATABASE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def pg_program(name: str) -> str:
    """The path of a PostgreSQL program: in PG_BIN_DIR if set, else on PATH, else in the
    newest of Debian's /usr/lib/postgresql/<version>/bin."""
    configured = getattr(settings, "PG_BIN_DIR", "")
    if configured:
        candidate = Path(configured) / name
        if os.access(candidate, os.X_OK):
            return str(candidate)
        raise BackupError(f"{name} is not in PG_BIN_DIR ({configured})")
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(
        (path for path in _DEBIAN_BIN.glob("*/bin") if path.parent.name.isdigit()),
        key=lambda path: int(path.parent.name),
        reverse=True,
    )
    for directory in versions:
        if os.access(directory / name, os.X_OK):
            return str(directory / name)
    raise BackupError(
        f"{name} not found: install the PostgreSQL client programs "
        "(Debian: apt-get install postgresql-client) or set PG_BIN_DIR"
    )


def libpq_params(database: dict[str, Any]) -> dict[str, str]:
    """libpq connection keywords for `database` (a Django settings dict): its NAME, HOST, PORT,
    USER, PASSWORD and the libpq options of OPTIONS (DATABASE_URL's query string: sslmode...)."""
    params = {"dbname": str(database["NAME"])}
    for keyword, setting in (("host", "HOST"), ("port", "PORT"), ("user", "USER")):
        if database.get(setting):
            params[keyword] = str(database[setting])
    if database.get("PASSWORD"):
        params["password"] = str(database["PASSWORD"])
    for keyword, value in database.get("OPTIONS", {}).items():
        if keyword in _LIBPQ_ENVIRONMENT and value is not None:
            params[keyword] = str(value)
    return params


def pg_environment(database: dict[str, Any]) -> dict[str, str]:
    """The environment of a program connecting to `database`; any PG* connection variable of
    our own environment is replaced or dropped, never inherited."""
    env = {k: v for k, v in os.environ.items() if k not in _LIBPQ_ENVIRONMENT.values()}
    for keyword, value in libpq_params(database).items():
        env[_LIBPQ_ENVIRONMENT[keyword]] = value
    return env


def pg_connect(database: dict[str, Any]) -> psycopg.Connection[Any]:
    """A plain psycopg connection (not Django's: it is not the configured database's
    connection, and must not be one the test harness or the ORM would take for it)."""
    try:
        return psycopg.connect(**libpq_params(database))  # type: ignore[arg-type]  # libpq keywords, none of connect's typed options
    except psycopg.Error as error:
        raise BackupError(f"cannot connect to PostgreSQL: {redact(str(error))}") from None


def _run(args: list[str], *, env: dict[str, str], stdout: IO[bytes] | int | None = None) -> None:
    program = Path(args[0]).name
    try:
        result = subprocess.run(  # noqa: S603 (our arguments, no shell)
            args,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL if stdout is None else stdout,
            stderr=subprocess.PIPE,
            check=False,
        )
    except OSError as error:
        raise BackupError(f"{program} could not be started: {error}") from None
    if result.returncode != 0:
        # The programs' messages name objects, not rows; redacted all the same, and cut short.
        message = redact(result.stderr.decode(errors="replace")).strip()[-2000:]
        raise BackupError(f"{program} failed (exit {result.returncode}): {message}")


def pg_backup(*, database: dict[str, Any], output: IO[bytes]) -> Contents:
    """pg_dump -Fc of `database` into `output`, and the row counts of the very snapshot it
    dumped: a REPEATABLE READ transaction exports its snapshot, counts in it, and pg_dump
    --snapshot reads the same one, so the manifest matches the dump even while the site
    writes. The transaction stays open until pg_dump is done (the snapshot lives with it)."""
    with pg_connect(database) as reader:
        reader.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        reader.read_only = True
        with reader.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]  # type: ignore[index]  # pg_export_snapshot() returns one row
            contents = contents_read(cursor, vendor="postgresql")
            _run(
                [
                    pg_program("pg_dump"),
                    "--format=custom",
                    "--no-password",
                    f"--snapshot={snapshot}",
                ],
                env=pg_environment(database),
                stdout=output,
            )
        reader.rollback()
    return contents


def pg_check_archive(path: Path, *, database: dict[str, Any]) -> None:
    """pg_restore reads the archive's table of contents (a truncated file fails here)."""
    _run([pg_program("pg_restore"), "--list", str(path)], env=pg_environment(database))


def pg_restore(*, backup: Path, database: dict[str, Any], clean: bool) -> None:
    """pg_restore the archive into `database`, in one transaction: on any error nothing is
    changed. `clean` drops the archive's objects first (--clean --if-exists); ownership is not
    restored (--no-owner), so the restoring role owns what it creates."""
    args = [pg_program("pg_restore"), "--no-password", "--single-transaction", "--no-owner"]
    if clean:
        args += ["--clean", "--if-exists"]
    args += [f"--dbname={database['NAME']}", str(backup)]
    _run(args, env=pg_environment(database))


@contextmanager
def pg_scratch_database(database: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """A new empty database on the server of `database` (createdb), dropped on exit (dropdb
    --force, which ends any connection left to it). Yields its settings dict."""
    name = f"{str(database['NAME'])[:40]}_verify_{secrets.token_hex(4)}"
    env = pg_environment(database)
    # The configured database as the maintenance database: the role can surely connect to it.
    maintenance = f"--maintenance-db={database['NAME']}"
    _run([pg_program("createdb"), "--no-password", maintenance, name], env=env)
    try:
        yield {**database, "NAME": name}
    finally:
        _run(
            [pg_program("dropdb"), "--no-password", maintenance, "--if-exists", "--force", name],
            env=env,
        )
