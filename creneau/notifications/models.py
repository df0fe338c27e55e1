"""The outbox: every message we send is a row here first, written in the same transaction as
the change that causes it, then delivered by the worker (see docs/notifications.md).

A row is rendered when it is queued, in its recipient's language, so a later change to the
booking never alters a message already on its way. Personal data lives in `to_address` and the
bodies; the optional links to the recipient's account and to what the message is about (a
booking, through a generic reference: the outbox names no other app) let erasure find and delete
the rows.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboundMessage(models.Model):
    """One message to one recipient, and the state of its delivery.

    pending -> sending (claimed by one worker) -> sent; on an error back to pending with a later
    `next_attempt_at`, or failed once `NOTIFICATIONS_MAX_ATTEMPTS` tries are spent. A sending row
    whose worker died is claimed again after `NOTIFICATIONS_CLAIM_TIMEOUT_SECONDS`.
    """

    Channel = Channel
    Status = MessageStatus

    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    template = models.CharField(
        _("template"), max_length=100, help_text=_("Which message this is, e.g. booking_confirmed.")
    )
    language = models.CharField(_("language"), max_length=8)
    to_address = models.CharField(
        _("recipient"), max_length=254, help_text=_("E-mail address or E.164 phone number.")
    )
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body_text = models.TextField(_("text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    # [{"filename": ..., "mimetype": ..., "content": text}], e.g. the booking's .ics.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # Extra e-mail headers, fixed when queued and sent unchanged on every try, e.g. the one-click
    # unsubscribe of a marketing message (see consent.marketing).
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    message_id = models.CharField(
        _("Message-ID"),
        max_length=255,
        blank=True,
        help_text=_("The same on every try, so a message sent twice can be recognised."),
    )

    status = models.CharField(
        _("status"), max_length=8, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("tries"), default=0)
    next_attempt_at = models.DateTimeField(
        _("next try"), null=True, blank=True, help_text=_("Empty: as soon as possible.")
    )
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    claimed_by = models.CharField(_("claimed by"), max_length=100, blank=True)
    last_error = models.TextField(
        _("last error"), blank=True, help_text=_("The mail server's or SMS provider's answer.")
    )
    created_at = models.DateTimeField(_("created"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The last message to an erased person (the confirmation of the erasure): once sent, or
    # failed for good, delivery blanks its address and bodies, so nothing of them remains.
    erase_after_send = models.BooleanField(_("erase after sending"), default=False)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbound_messages",
        verbose_name=_("recipient account"),
    )
    # What the message is about (a booking), without a foreign key into the app that owns it.
    # That app declares a GenericRelation back (with a related_query_name, so
    # `OutboundMessage.objects.filter(booking__customer=...)` reads as before), and deleting
    # the row it points at deletes its messages, as a cascade did.
    about_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about (type)"),
    )
    about_id = models.PositiveBigIntegerField(_("about (id)"), null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="notifications_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MessageStatus.values), name="notifications_status_valid"
            ),
            models.UniqueConstraint(
                fields=["message_id"],
                condition=~Q(message_id=""),
                name="notifications_message_id_unique",
            ),
        ]
        indexes = [
            # The sweep reads due and stale rows; the admin lists failed ones.
            models.Index(fields=["status", "next_attempt_at"], name="notif_status_next_idx"),
            models.Index(fields=["status", "claimed_at"], name="notif_status_claimed_idx"),
            # Erasure and the cascade from a deleted booking find messages by what they are about.
            models.Index(fields=["about_type", "about_id"], name="notif_about_idx"),
        ]

    def __str__(self) -> str:
        return f"Message #{self.pk} ({self.template})"
