import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ['recentlyviewedsalon']


def _relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)
    ContentType.objects.clear_cache()


def content_types_forward(apps, schema_editor):
    _relabel(apps, "privacy", "bookings")


def content_types_backward(apps, schema_editor):
    _relabel(apps, "bookings", "privacy")



class Migration(migrations.Migration):
    # Personalisation moves here from the privacy app with its table (db_table): the state
    # changes, the database does not.

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('privacy', '0010_erasure_tombstones'),
        ('bookings', '0004_booking_pseudonymised'),
        ('catalog', '0005_business_public_version'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='RecentlyViewedSalon',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('viewed_at', models.DateTimeField()),
                        ('business', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='catalog.business')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recently_viewed_salons', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'privacy_recentlyviewedsalon',
                        'ordering': ['-viewed_at', '-pk'],
                        'constraints': [models.UniqueConstraint(fields=('user', 'business'), name='privacy_viewed_once')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_forward, content_types_backward),
    ]
