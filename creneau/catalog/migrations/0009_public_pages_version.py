from django.db import migrations, models


def create_row(apps, schema_editor):
    apps.get_model("catalog", "PublicPagesVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0008_merge_search_terms"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublicPagesVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveBigIntegerField(default=0, verbose_name="version")),
            ],
            options={
                "verbose_name": "public pages version",
                "verbose_name_plural": "public pages versions",
            },
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
