"""Backups of the database, their verification and their restore (docs/backup.md).

`manage.py backup`, `backup_verify` and `restore` call the service functions in `services.py`;
the engine-specific steps are in `sqlite.py` (the online backup API) and `postgres.py`
(pg_dump / pg_restore). This app has no models: it reads every other app's tables.
"""
