"""The outbox becomes a leaf: reminders and reminder preferences move to the bookings app (their
tables stay where they are, see bookings 0005), a message's link to its booking becomes a
generic `about` reference, and messages get fixed extra headers (the marketing unsubscribe)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F


def link_messages_to_what_they_are_about(apps, schema_editor):
    db = schema_editor.connection.alias
    OutboundMessage = apps.get_model("notifications", "OutboundMessage")
    linked = OutboundMessage.objects.using(db).filter(booking__isnull=False)
    if not linked.exists():
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    booking_type, _created = ContentType.objects.using(db).get_or_create(
        app_label="bookings", model="booking"
    )
    linked.update(about_type=booking_type, about_id=F("booking_id"))


def link_messages_to_their_booking(apps, schema_editor):
    db = schema_editor.connection.alias
    OutboundMessage = apps.get_model("notifications", "OutboundMessage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    booking_type = (
        ContentType.objects.using(db).filter(app_label="bookings", model="booking").first()
    )
    if booking_type is not None:
        OutboundMessage.objects.using(db).filter(about_type=booking_type).update(
            booking_id=F("about_id")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notifications", "0002_outboundmessage_erase_after_send"),
    ]

    operations = [
        # The models go on living in bookings, on the same tables: only Django's view changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="BookingReminder"),
                migrations.DeleteModel(name="NotificationPreference"),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="outboundmessage",
            name="headers",
            field=models.JSONField(blank=True, default=dict, verbose_name="headers"),
        ),
        migrations.AddField(
            model_name="outboundmessage",
            name="about_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="about (type)",
            ),
        ),
        migrations.AddField(
            model_name="outboundmessage",
            name="about_id",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="about (id)"),
        ),
        migrations.RunPython(link_messages_to_what_they_are_about, link_messages_to_their_booking),
        migrations.RemoveField(model_name="outboundmessage", name="booking"),
        migrations.AddIndex(
            model_name="outboundmessage",
            index=models.Index(fields=["about_type", "about_id"], name="notif_about_idx"),
        ),
    ]
