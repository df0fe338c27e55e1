"""Personal data of the outbox (`notifications`): addresses, bodies and extra headers of
messages.

Declared here, by the privacy framework, because the outbox is the lowest framework and imports
no other app of ours, this registry included (the same way `thirdparty.py` declares the models
that are not ours to annotate). Registered when the privacy app loads.

Erasure deletes every message addressed to the person, by account or by address (sent or not:
a copy of a sent e-mail is no record the law asks us to keep), and the task-queue rows of those
deliveries. It runs first, before the feature apps' handlers: messages *about* the person's
bookings go with the bookings handler, before it queues the salons' notices of the cancellations
erasure causes, which must not be deleted.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, TypedDict

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from creneau.notifications.models import OutboundMessage
from creneau.notifications.outbox import messages_delete
from creneau.privacy.registry import NOT_PERSONAL as NO
from creneau.privacy.registry import (
    Basis,
    Category,
    ErasureContext,
    OnErasure,
    Rule,
    Text,
    personal,
    register,
    register_handlers,
    register_retention_rule,
)


class _Message(TypedDict):
    basis: Basis
    retention: Text
    on_erasure: OnErasure


_message: _Message = dict(
    basis=Basis.CONTRACT,
    retention=_("until the account is erased (delivery state kept for support)"),
    on_erasure=OnErasure.DELETE,
)


def register_outbox() -> None:
    register(
        "notifications.OutboundMessage",
        {
            "id": NO,
            "channel": NO,
            "template": NO,
            "language": NO,
            "to_address": personal(
                category=Category.CONTACT, purpose=_("deliver the message"), **_message
            ),
            "subject": personal(category=Category.BOOKING, purpose=_("the message"), **_message),
            "body_text": personal(category=Category.BOOKING, purpose=_("the message"), **_message),
            "body_html": personal(category=Category.BOOKING, purpose=_("the message"), **_message),
            "attachments": personal(
                category=Category.BOOKING, purpose=_("calendar file"), **_message
            ),
            # The one-click unsubscribe link of a marketing message names the account (signed).
            "headers": personal(
                category=Category.TECHNICAL, purpose=_("one-click unsubscribe"), **_message
            ),
            "message_id": NO,
            "status": NO,
            "attempts": NO,
            "next_attempt_at": NO,
            "claimed_at": NO,
            "claimed_by": NO,
            "last_error": NO,  # the server's answer by reply code, never the address
            "created_at": NO,
            "sent_at": NO,
            "erase_after_send": NO,
            "user": personal(
                category=Category.IDENTITY, purpose=_("find the person's messages"), **_message
            ),
            # What the message is about (a booking's type and id), as the booking link was.
            "about_type": NO,
            "about_id": NO,
        },
    )
    register_handlers("notifications", export=outbox_export, erase=outbox_erase, order=5)
    register_retention_rule(
        Rule(
            "sent_messages_purged",
            "sent e-mails and SMS older than RETENTION_SENT_MESSAGE_DAYS are deleted",
            select_sent_messages,
            order=80,
        )
    )


def _sent_message_period() -> timedelta:
    from creneau.privacy.retention import declared_period

    try:
        return declared_period(OutboundMessage, "body_text")
    except LookupError:
        return timedelta(days=settings.RETENTION_SENT_MESSAGE_DAYS)


def select_sent_messages(now: datetime) -> models.QuerySet[Any]:
    return OutboundMessage.objects.filter(status="sent", sent_at__lte=now - _sent_message_period())


def outbox_export(*, user: Any) -> dict[str, list[dict[str, Any]]]:
    return {
        "messages": [
            {
                "channel": m.channel,
                "to": m.to_address,
                "subject": m.subject,
                "text": m.body_text,
                "status": m.status,
                "created_at": m.created_at.isoformat(),
                "sent_at": m.sent_at.isoformat() if m.sent_at else "",
            }
            for m in OutboundMessage.objects.filter(user=user).order_by("created_at", "pk")
        ],
    }


def outbox_erase(context: ErasureContext) -> None:
    to_them = Q(user=context.user)
    for address in context.emails | context.phones:
        to_them |= Q(to_address__iexact=address)
    context.count(
        "notifications.outboundmessage",
        messages_delete(OutboundMessage.objects.filter(to_them)),
    )
