from django.db import migrations


def install(apps, schema_editor):
    from creneau.privacy.ledger import install_ledger_guard

    install_ledger_guard(schema_editor.connection)


def remove(apps, schema_editor):
    from creneau.privacy.ledger import remove_ledger_guard

    remove_ledger_guard(schema_editor.connection)


class Migration(migrations.Migration):
    # The consent ledger refuses UPDATEs other than cutting the link to a user on erasure:
    # a PostgreSQL trigger function, SQLite triggers. See creneau/privacy/ledger.py.
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
