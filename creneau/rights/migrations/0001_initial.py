import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ['rightsrequest', 'rightsrequestnote', 'databreach']


def _relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)
    ContentType.objects.clear_cache()


def content_types_forward(apps, schema_editor):
    _relabel(apps, "privacy", "rights")


def content_types_backward(apps, schema_editor):
    _relabel(apps, "rights", "privacy")



class Migration(migrations.Migration):
    # The rights models move here from the privacy app with their tables (db_table): the state
    # changes, the database does not. Their content types (and so the privacy officer's
    # permission) follow.

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
                    name='DataBreach',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('summary', models.TextField(verbose_name='what happened')),
                        ('data_categories', models.TextField(verbose_name='categories of personal data concerned')),
                        ('people_affected', models.PositiveIntegerField(verbose_name='approximate number of people affected')),
                        ('occurred_at', models.DateTimeField(blank=True, null=True, verbose_name='when it happened')),
                        ('known_at', models.DateTimeField(verbose_name='when we became aware')),
                        ('authority_notified_at', models.DateTimeField(blank=True, null=True, verbose_name='notified to the supervisory authority')),
                        ('authority_reason', models.TextField(blank=True, verbose_name='why notified or not to the authority')),
                        ('people_notified_at', models.DateTimeField(blank=True, null=True, verbose_name='communicated to the people affected')),
                        ('people_reason', models.TextField(blank=True, verbose_name='why communicated or not to the people')),
                        ('measures', models.TextField(blank=True, verbose_name='measures taken or proposed')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded')),
                    ],
                    options={
                        'verbose_name': 'personal-data breach',
                        'verbose_name_plural': 'breach register',
                        'db_table': 'privacy_databreach',
                        'ordering': ['-known_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='RightsRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reference', models.CharField(max_length=32, unique=True, verbose_name='reference')),
                        ('first_name', models.CharField(max_length=150, verbose_name='first name')),
                        ('last_name', models.CharField(max_length=150, verbose_name='last name')),
                        ('email', models.EmailField(max_length=254, verbose_name='e-mail address')),
                        ('right', models.CharField(choices=[('access', 'Access: a copy of my data'), ('rectification', 'Rectification: correct my data'), ('objection', 'Objection: stop a processing of my data'), ('erasure', 'Erasure: delete my data')], max_length=16, verbose_name='right requested')),
                        ('statement', models.TextField(blank=True, max_length=5000, verbose_name='statement')),
                        ('language', models.CharField(default='fr', max_length=8, verbose_name='language')),
                        ('status', models.CharField(choices=[('unconfirmed', 'waiting for the e-mail confirmation'), ('received', 'received'), ('fulfilled', 'fulfilled'), ('rejected', 'rejected')], default='unconfirmed', max_length=12, verbose_name='status')),
                        ('created_at', models.DateTimeField(verbose_name='sent')),
                        ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='received')),
                        ('due_at', models.DateTimeField(blank=True, null=True, verbose_name='deadline')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed')),
                        ('outcome', models.TextField(blank=True, verbose_name='outcome or reason for rejection')),
                        ('registered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='registered by')),
                    ],
                    options={
                        'verbose_name': 'rights request',
                        'verbose_name_plural': 'rights requests',
                        'db_table': 'privacy_rightsrequest',
                        'ordering': ['due_at', 'pk'],
                        'permissions': [('handle_rightsrequest', 'Privacy officer: handle rights requests')],
                    },
                ),
                migrations.CreateModel(
                    name='RightsRequestNote',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.TextField(verbose_name='note')),
                        ('created_at', models.DateTimeField(verbose_name='when')),
                        ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notes', to='rights.rightsrequest')),
                    ],
                    options={
                        'db_table': 'privacy_rightsrequestnote',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.AddIndex(
                    model_name='rightsrequest',
                    index=models.Index(fields=['status', 'due_at'], name='privacy_rights_status_due'),
                ),
                migrations.AddConstraint(
                    model_name='rightsrequest',
                    constraint=models.CheckConstraint(condition=models.Q(('status', 'unconfirmed'), ('due_at__isnull', False), _connector='OR'), name='privacy_rights_request_received_has_deadline'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_forward, content_types_backward),
    ]
