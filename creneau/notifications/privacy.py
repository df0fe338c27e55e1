"""Personal data of the outbox: addresses and bodies of messages, reminder preferences.

Erasure deletes every message addressed to the person or about their bookings (sent or not:
a copy of a sent e-mail is no record the law asks us to keep), their reminders and
preferences, and the task-queue rows of those deliveries. It runs before the bookings
handler, so the salons' notices of the cancellations erasure causes are not deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Q
from django_tasks_db.models import DBTaskResult

from creneau.notifications.models import BookingReminder, NotificationPreference, OutboundMessage
from creneau.privacy.registry import NOT_PERSONAL as NO
from creneau.privacy.registry import (
    Basis,
    Category,
    ErasureContext,
    OnErasure,
    personal,
    register,
    register_handlers,
)

if TYPE_CHECKING:
    from creneau.accounts.models import User


class _Message(TypedDict):
    basis: Basis
    retention: str
    on_erasure: OnErasure


_message: _Message = dict(
    basis=Basis.CONTRACT,
    retention="until the account is erased (delivery state kept for support)",
    on_erasure=OnErasure.DELETE,
)
register(
    "notifications.OutboundMessage",
    {
        "id": NO,
        "channel": NO,
        "template": NO,
        "language": NO,
        "to_address": personal(
            category=Category.CONTACT, purpose="deliver the message", **_message
        ),
        "subject": personal(category=Category.BOOKING, purpose="the message", **_message),
        "body_text": personal(category=Category.BOOKING, purpose="the message", **_message),
        "body_html": personal(category=Category.BOOKING, purpose="the message", **_message),
        "attachments": personal(category=Category.BOOKING, purpose="calendar file", **_message),
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
            category=Category.IDENTITY, purpose="find the person's messages", **_message
        ),
        "booking": NO,
    },
)
register(
    "notifications.NotificationPreference",
    {
        "id": NO,
        "user": NO,
        "email_reminders": personal(
            category=Category.PREFERENCES,
            purpose="remind the person as they chose",
            basis=Basis.CONTRACT,
            retention="while the account exists",
            on_erasure=OnErasure.DELETE,
        ),
        "sms_reminders": personal(
            category=Category.PREFERENCES,
            purpose="remind the person as they chose",
            basis=Basis.CONTRACT,
            retention="while the account exists",
            on_erasure=OnErasure.DELETE,
        ),
    },
)
register(
    "notifications.BookingReminder", dict.fromkeys(["id", "booking", "start", "queued_at"], NO)
)

DELIVERY_TASK = "creneau.notifications.tasks.deliver_message"


def notifications_export(*, user: User) -> dict[str, list[dict[str, Any]]]:
    preference = NotificationPreference.objects.filter(user=user).first()
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
        "reminder_preferences": [
            {
                "email_reminders": preference.email_reminders if preference else True,
                "sms_reminders": preference.sms_reminders if preference else False,
            }
        ],
    }


def notifications_erase(context: ErasureContext) -> None:
    user = context.user
    about = Q(user=user) | Q(booking__customer=user)
    for address in context.emails | context.phones:
        about |= Q(to_address__iexact=address)
    ids = list(OutboundMessage.objects.filter(about).values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        # The queue's rows of those deliveries: ids only, but a failure's traceback may quote.
        DBTaskResult.objects.filter(
            task_path=DELIVERY_TASK, args_kwargs__args__0__in=chunk
        ).delete()
        OutboundMessage.objects.filter(pk__in=chunk).delete()
    context.count("notifications.outboundmessage", len(ids))
    context.count(
        "notifications.bookingreminder",
        BookingReminder.objects.filter(booking__customer=user).delete()[0],
    )
    context.count(
        "notifications.notificationpreference",
        NotificationPreference.objects.filter(user=user).delete()[0],
    )


register_handlers("notifications", export=notifications_export, erase=notifications_erase, order=5)
