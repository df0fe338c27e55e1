from django.db import migrations


def install(apps, schema_editor):
    from creneau.bookings.overlap import install_overlap_guard

    install_overlap_guard(schema_editor.connection)


def remove(apps, schema_editor):
    from creneau.bookings.overlap import remove_overlap_guard

    remove_overlap_guard(schema_editor.connection)


class Migration(migrations.Migration):
    # PostgreSQL: exclusion constraint (btree_gist); SQLite: triggers. Kept out of the model
    # state on purpose, see creneau/bookings/overlap.py.
    dependencies = [("bookings", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
