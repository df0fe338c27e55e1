"""Access and portability (GDPR art. 15 and 20): everything about a person, from the registry's
handlers, as JSON and as CSV files in a zip.

Small accounts download at once; any account can ask for the archive to be prepared by a task
(`export_build`, its argument the ExportFile id) into MEDIA_ROOT/exports/, downloadable through
a signed link for `EXPORT_LIFETIME`; erasure and expiry delete the file.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from creneau.privacy.models import ExportFile
from creneau.privacy.registry import AnyUser, registry

EXPORT_LIFETIME = timedelta(days=7)
EXPORT_DIR = "exports"
_SALT = "creneau.privacy.export"


def export_collect(*, user: AnyUser) -> dict[str, list[dict[str, Any]]]:
    """{section: rows} from every app's export handler, in registry order."""
    data: dict[str, list[dict[str, Any]]] = {}
    for handlers in registry.handlers():
        if handlers.export is not None:
            for section, rows in handlers.export(user=user).items():
                data[section] = list(rows)
    return data


def export_json(*, user: AnyUser) -> bytes:
    return json.dumps(export_collect(user=user), ensure_ascii=False, indent=2).encode()


def _csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def export_zip(*, user: AnyUser) -> bytes:
    """A zip with `data.json` (everything) and one CSV per section."""
    data = export_collect(user=user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        for section, rows in data.items():
            archive.writestr(f"{section}.csv", _csv(rows))
    return buffer.getvalue()


def export_request(*, user: AnyUser, now: datetime | None = None) -> ExportFile:
    """Queue the preparation of the user's archive; the task gets the row's id only."""
    now = now or timezone.now()
    export = ExportFile.objects.create(user=user, created_at=now, expires_at=now + EXPORT_LIFETIME)
    pk = export.pk
    transaction.on_commit(lambda: export_build.enqueue(pk))
    return export


def export_file_write(*, export: ExportFile) -> ExportFile:
    """Write the archive of `export.user` under MEDIA_ROOT/exports/ and mark it ready."""
    folder = Path(settings.MEDIA_ROOT) / EXPORT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{EXPORT_DIR}/{secrets.token_urlsafe(16)}.zip"
    (Path(settings.MEDIA_ROOT) / name).write_bytes(export_zip(user=export.user))
    ExportFile.objects.filter(pk=export.pk).update(path=name, status=ExportFile.Status.READY)
    export.refresh_from_db()
    return export


@task()
def export_build(export_pk: int) -> str:
    export = ExportFile.objects.select_related("user").filter(pk=export_pk).first()
    if export is None or export.status == ExportFile.Status.READY:
        return "skipped"
    export_file_write(export=export)
    return "ready"


def export_token(export: ExportFile) -> str:
    return signing.dumps({"export": export.pk}, salt=_SALT)


def export_from_token(
    token: str, *, user: AnyUser, now: datetime | None = None
) -> ExportFile | None:
    """The ready, unexpired export the signed `token` names, if it belongs to `user`."""
    try:
        payload = signing.loads(token, salt=_SALT, max_age=EXPORT_LIFETIME)
    except signing.BadSignature:
        return None
    now = now or timezone.now()
    return ExportFile.objects.filter(
        pk=payload.get("export"), user=user, status=ExportFile.Status.READY, expires_at__gt=now
    ).first()


def exports_purge_expired(*, now: datetime) -> int:
    """Retention of archives: delete every ExportFile whose link expired (`expires_at` <= now),
    row and file, whether it was ever ready or not. Returns the rows deleted. For the daily job.
    """
    from creneau.privacy.privacy import export_files_delete

    return export_files_delete(files=ExportFile.objects.filter(expires_at__lte=now))
