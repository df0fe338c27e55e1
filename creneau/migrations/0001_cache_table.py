"""The database cache's table (CACHE_URL=db://creneau_cache, the default): the rate-limit
counters shared by every web process. A migration, so that every path that migrates (make run,
the tests, the deploy's release step, the scale-out run) has it."""

from django.core.management import call_command
from django.db import migrations


def create(apps, schema_editor):
    # Creates the table of every database cache the settings name (none with Redis).
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop(apps, schema_editor):
    from django.conf import settings

    for cache in settings.CACHES.values():
        if cache["BACKEND"].endswith("DatabaseCache"):
            table = schema_editor.quote_name(cache["LOCATION"])
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies: list = []
    operations = [migrations.RunPython(create, drop, elidable=False)]
