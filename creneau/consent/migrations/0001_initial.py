import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ['consentbanner', 'consentrecord', 'pageview', 'accountconsentrecord']


def _relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)
    ContentType.objects.clear_cache()


def content_types_forward(apps, schema_editor):
    _relabel(apps, "privacy", "consent")


def content_types_backward(apps, schema_editor):
    _relabel(apps, "consent", "privacy")



class Migration(migrations.Migration):
    # The consent models move here from the privacy app with their tables (db_table): the state
    # changes, the database does not. Their content types (and so their permissions) follow.

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('privacy', '0010_erasure_tombstones'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ConsentBanner',
                    fields=[
                        ('digest', models.CharField(max_length=64, primary_key=True, serialize=False)),
                        ('language', models.CharField(max_length=8)),
                        ('content', models.JSONField()),
                        ('created_at', models.DateTimeField()),
                    ],
                    options={
                        'db_table': 'privacy_consentbanner',
                    },
                ),
                migrations.CreateModel(
                    name='PageView',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('path', models.CharField(max_length=255)),
                        ('day', models.DateField()),
                        ('count', models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        'db_table': 'privacy_pageview',
                        'indexes': [models.Index(fields=['day'], name='privacy_pageview_day')],
                        'constraints': [models.UniqueConstraint(fields=('path', 'day'), name='privacy_pageview_one_per_day')],
                    },
                ),
                migrations.CreateModel(
                    name='AccountConsentRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('purpose', models.CharField(choices=[('marketing_email', 'News and offers by e-mail'), ('marketing_sms', 'News and offers by SMS'), ('personalisation', 'Suggestions from my past bookings and the salons I looked at')], max_length=32)),
                        ('granted', models.BooleanField()),
                        ('source', models.CharField(choices=[('account', 'account preferences page'), ('unsubscribe', 'unsubscribe link'), ('api', 'mobile app (API)')], max_length=16)),
                        ('policy_version', models.CharField(max_length=32)),
                        ('created_at', models.DateTimeField()),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='account_consents', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'privacy_accountconsentrecord',
                        'ordering': ['id'],
                        'indexes': [models.Index(fields=['user', 'purpose', '-id'], name='privacy_account_consent_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('purpose__in', ['marketing_email', 'marketing_sms', 'personalisation'])), name='privacy_account_consent_purpose_valid')],
                    },
                ),
                migrations.CreateModel(
                    name='ConsentRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('consent_id', models.UUIDField(db_index=True)),
                        ('policy_version', models.CharField(max_length=32)),
                        ('analytics', models.BooleanField()),
                        ('personalisation', models.BooleanField()),
                        ('marketing', models.BooleanField()),
                        ('source', models.CharField(choices=[('banner', 'cookie banner'), ('settings', 'cookie settings page'), ('account', 'account (choice carried over at login)'), ('api', 'mobile app (API)')], max_length=16)),
                        ('created_at', models.DateTimeField()),
                        ('prev_hash', models.CharField(max_length=64, unique=True)),
                        ('row_hash', models.CharField(max_length=64, unique=True)),
                        ('banner', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='consent.consentbanner')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='consent_records', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'privacy_consentrecord',
                        'ordering': ['id'],
                        'indexes': [models.Index(fields=['user', '-id'], name='privacy_consent_user_latest')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_forward, content_types_backward),
    ]
