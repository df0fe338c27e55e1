from django.db import migrations


class Migration(migrations.Migration):
    # The consent, rights and personalisation models left for their own apps, which took over
    # their tables: only the state forgets them here, the tables stay.

    dependencies = [
        ('rights', '0001_initial'),
        ('consent', '0001_initial'),
        ('privacy', '0010_erasure_tombstones'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='accountconsentrecord',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='consentrecord',
                    name='banner',
                ),
                migrations.RemoveField(
                    model_name='consentrecord',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='DataBreach',
                ),
                migrations.DeleteModel(
                    name='PageView',
                ),
                migrations.RemoveField(
                    model_name='recentlyviewedsalon',
                    name='business',
                ),
                migrations.RemoveField(
                    model_name='recentlyviewedsalon',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='rightsrequest',
                    name='registered_by',
                ),
                migrations.RemoveField(
                    model_name='rightsrequestnote',
                    name='request',
                ),
                migrations.RemoveField(
                    model_name='rightsrequestnote',
                    name='author',
                ),
                migrations.DeleteModel(
                    name='AccountConsentRecord',
                ),
                migrations.DeleteModel(
                    name='ConsentBanner',
                ),
                migrations.DeleteModel(
                    name='ConsentRecord',
                ),
                migrations.DeleteModel(
                    name='RecentlyViewedSalon',
                ),
                migrations.DeleteModel(
                    name='RightsRequest',
                ),
                migrations.DeleteModel(
                    name='RightsRequestNote',
                ),
            ],
            database_operations=[],
        ),
    ]
