"""BookingReminder and NotificationPreference now belong to bookings. Their tables keep the
notifications app's names and their rows: only Django's state moves (no SQL is run)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0004_booking_pseudonymised"),
        ("notifications", "0003_the_outbox_names_no_other_app"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="NotificationPreference",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "email_reminders",
                            models.BooleanField(default=True, verbose_name="reminders by e-mail"),
                        ),
                        (
                            "sms_reminders",
                            models.BooleanField(default=False, verbose_name="reminders by SMS"),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="notification_preference",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="user",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "notification preference",
                        "verbose_name_plural": "notification preferences",
                        "db_table": "notifications_notificationpreference",
                    },
                ),
                migrations.CreateModel(
                    name="BookingReminder",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("start", models.DateTimeField(verbose_name="appointment start")),
                        ("queued_at", models.DateTimeField(verbose_name="queued")),
                        (
                            "booking",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="reminders",
                                to="bookings.booking",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "booking reminder",
                        "verbose_name_plural": "booking reminders",
                        "db_table": "notifications_bookingreminder",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("booking", "start"),
                                name="notifications_one_reminder_per_start",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
