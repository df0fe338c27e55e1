"""The salon's security rule and staff invitations move to the catalogue
(`catalog.0006_team_models_from_backoffice`): the back office's state forgets them, the tables
and their rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="StaffInvitation"),
                migrations.DeleteModel(name="SalonSecurity"),
            ],
            database_operations=[],
        ),
    ]
