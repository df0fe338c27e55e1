"""`manage.py backup` writes a private file and, beside it, a manifest: when, which engine, the
latest migration of each app, every model table's row count and the file's sha256. Nothing in
the manifest or the command's output is about a person."""

from __future__ import annotations

import hashlib
import io
import stat
from datetime import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from creneau.accounts.models import User
from creneau.backups.manifest import model_tables
from creneau.bookings.models import Booking
from creneau.bookings.services import booking_create
from tests.backups.conftest import manifest_of, next_open_day

pytestmark = pytest.mark.django_db(transaction=True)


def live_count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return cursor.fetchone()[0]


def test_the_manifest_counts_every_model_table_and_holds_the_migration_state(
    backups, salon, customer, other_customer
):
    booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=next_open_day(3),
    )
    out = io.StringIO()
    call_command("backup", stdout=out)

    [backup] = [p for p in backups.iterdir() if not p.name.endswith(".json")]
    manifest = manifest_of(backup)
    assert manifest["engine"] == connection.vendor
    assert manifest["file"] == backup.name
    assert backup.name.startswith("creneau-")
    assert datetime.fromisoformat(manifest["created_at"]).tzinfo is not None
    assert manifest["size"] == backup.stat().st_size
    assert manifest["sha256"] == hashlib.sha256(backup.read_bytes()).hexdigest()
    # Every model table present, with its rows, as a COUNT(*) of the live database gives it.
    present = set(connection.introspection.table_names())
    assert set(manifest["row_counts"]) == model_tables() & present
    assert manifest["row_counts"] == {t: live_count(t) for t in manifest["row_counts"]}
    assert manifest["row_counts"]["accounts_user"] == User.objects.count() == 2
    assert manifest["row_counts"]["bookings_booking"] == Booking.objects.count() == 1
    assert manifest["row_counts"]["catalog_staffmember"] == 3
    # The latest applied migration of each app.
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder.Migration.objects.values_list("app", "name"):
        latest[app] = max(latest.get(app, ""), name)
    assert manifest["migrations"] == latest
    assert manifest["migrations"]["bookings"] == latest["bookings"] != ""
    assert str(backup) in out.getvalue() and manifest["sha256"] in out.getvalue()


def test_the_backup_and_its_manifest_are_private_files_in_a_private_directory(backups, customer):
    backups.mkdir(mode=0o755)
    backups.chmod(0o755)  # as a careless operator left it

    call_command("backup", stdout=io.StringIO())

    assert stat.S_IMODE(backups.stat().st_mode) == 0o700
    files = list(backups.iterdir())
    assert len(files) == 2
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_neither_the_manifest_nor_the_output_names_anyone(backups, customer, other_customer):
    out, err = io.StringIO(), io.StringIO()
    call_command("backup", stdout=out, stderr=err)

    [manifest] = [p for p in backups.iterdir() if p.name.endswith(".json")]
    text = manifest.read_text() + out.getvalue() + err.getvalue()
    for person in (customer, other_customer):
        for value in (person.email, person.first_name, person.last_name, str(person.phone)):
            assert value.lower() not in text.lower()
    assert '"accounts_user": 2' in manifest.read_text()
