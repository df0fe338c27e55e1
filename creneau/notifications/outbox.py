"""Putting messages in the outbox.

`message_enqueue` renders a message in its recipient's language and the salon's time zone and
writes it to the outbox in the caller's transaction; the delivery task is queued when that
transaction commits, with the row's id as its only argument (no personal data in the task
table). A rolled back transaction leaves neither the row nor the task.

Marketing messages (`marketing=True`, templates under `marketing/`) are queued only for an
account that opted in to marketing on that channel (`consent.objection`); otherwise
`MarketingRefused` is raised and nothing is written. Delivery gives them the one-click
unsubscribe headers of RFC 8058 (`delivery.message_headers`).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from creneau.accounts.models import User
from creneau.bookings.models import Booking
from creneau.consent.models import AccountPurpose
from creneau.consent.objection import account_allows, marketing_suppressed, unsubscribe_url
from creneau.notifications.models import Channel, OutboundMessage
from creneau.notifications.tasks import deliver_message

logger = logging.getLogger("creneau.notifications")

EMAIL_TEMPLATES = "notifications/email"
SMS_TEMPLATES = "notifications/sms"
MARKETING_PREFIX = "marketing/"


class MarketingRefused(Exception):
    """A marketing message for someone who has not opted in to it on that channel."""


def is_marketing(template: str) -> bool:
    return template.startswith(MARKETING_PREFIX)


def marketing_purpose(channel: str) -> AccountPurpose:
    if channel == Channel.SMS:
        return AccountPurpose.MARKETING_SMS
    return AccountPurpose.MARKETING_EMAIL


@dataclass(frozen=True)
class Attachment:
    filename: str
    mimetype: str
    content: str

    def as_json(self) -> dict[str, str]:
        return {"filename": self.filename, "mimetype": self.mimetype, "content": self.content}


def language_of(user: User | None) -> str:
    """The user's language if we support it, else the site's default (French)."""
    codes = {code for code, _name in settings.LANGUAGES}
    language = (getattr(user, "language", "") or "")[:2]
    return language if language in codes else settings.LANGUAGE_CODE


def site_host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def after_commit(func: Callable[[], object]) -> None:
    """Run `func` once the current transaction commits (at once outside a transaction).

    Django's TestCase wraps each test in a transaction that is never committed, and already
    disregards it for `atomic(durable=True)`; it is disregarded here the same way, so in such a
    test a message sent outside any transaction of ours is delivered at once, as it is in
    production. Inside a transaction of ours the callback waits for its commit, as always.
    """
    blocks = connection.atomic_blocks
    if blocks and all(getattr(block, "_from_testcase", False) for block in blocks):
        try:
            func()
        except Exception:
            logger.exception("after-commit callback failed")
    else:
        # robust: the change is committed whatever happens here; a message whose task could
        # not be queued is picked up by the clock's sweep.
        transaction.on_commit(func, robust=True)


def _render(
    name: str, context: Mapping[str, Any], *, language: str, time_zone: str
) -> tuple[str, str, str]:
    """(subject, text, html) of e-mail `name`, or ("", text, "") of SMS `name`."""
    full = {"OPERATOR": settings.OPERATOR, "SITE_URL": settings.SITE_URL, **context}
    with translation.override(language), timezone.override(time_zone):
        if name.startswith(SMS_TEMPLATES):
            return "", render_to_string(f"{name}.txt", full).strip(), ""
        subject = " ".join(render_to_string(f"{name}.subject.txt", full).split())
        text = render_to_string(f"{name}.txt", full).strip() + "\n"
        html = render_to_string(f"{name}.html", full)
    return subject, text, html


def message_store(
    *,
    channel: str,
    template: str,
    language: str,
    to_address: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    attachments: Iterable[Attachment] = (),
    user: User | None = None,
    booking: Booking | None = None,
    now: datetime,
) -> OutboundMessage:
    """Write an already rendered message to the outbox and queue its delivery on commit.

    The Message-ID is fixed here, from the row's id and a random part (ids restart in a new
    database; a Message-ID must not), and is sent unchanged on every try.
    """
    message = OutboundMessage.objects.create(
        channel=channel,
        template=template,
        language=language,
        to_address=to_address,
        subject=subject[:255],
        body_text=body_text,
        body_html=body_html,
        attachments=[attachment.as_json() for attachment in attachments],
        user=user,
        booking=booking,
        created_at=now,
    )
    message.message_id = f"<{message.pk}.{secrets.token_hex(6)}@{site_host()}>"
    message.save(update_fields=["message_id"])
    pk = message.pk
    after_commit(lambda: deliver_message.enqueue(pk))
    return message


def message_enqueue(
    *,
    template: str,
    to_address: str,
    language: str,
    context: Mapping[str, Any],
    channel: str = Channel.EMAIL,
    time_zone: str | None = None,
    attachments: Iterable[Attachment] = (),
    user: User | None = None,
    booking: Booking | None = None,
    marketing: bool = False,
    now: datetime,
) -> OutboundMessage:
    """Render message `template` for one recipient and put it in the outbox.

    `marketing=True` for news and offers: the template must live under `marketing/`, `user`
    is required and must have opted in to marketing on `channel`, else `MarketingRefused` is
    raised and nothing is queued. Its context gets `unsubscribe_url`. A `marketing/` template
    cannot be sent without `marketing=True`.

    E-mails use `notifications/email/<template>.subject.txt`, `.txt` and `.html`; SMS use
    `notifications/sms/<template>.txt`. Dates in the context are shown in `time_zone` (the
    salon's), words in `language`. Call it inside the transaction of the change the message
    is about.
    """
    if marketing != is_marketing(template):
        raise MarketingRefused(f"{template}: marketing templates live under {MARKETING_PREFIX}")
    if marketing:
        purpose = marketing_purpose(channel)
        if user is None or not account_allows(user=user, purpose=purpose):
            raise MarketingRefused(f"{template}: no opt-in to {purpose.value}")
        # An erased person's address, back with a restored account: the suppression list.
        if marketing_suppressed(user=user, address=to_address, purpose=purpose):
            raise MarketingRefused(f"{template}: address on the suppression list")
        context = {**context, "unsubscribe_url": unsubscribe_url(user=user, purpose=purpose)}
    folder = EMAIL_TEMPLATES if channel == Channel.EMAIL else SMS_TEMPLATES
    subject, text, html = _render(
        f"{folder}/{template}",
        context,
        language=language,
        time_zone=time_zone or settings.TIME_ZONE,
    )
    return message_store(
        channel=channel,
        template=template,
        language=language,
        to_address=to_address,
        subject=subject,
        body_text=text,
        body_html=html,
        attachments=attachments,
        user=user,
        booking=booking,
        now=now,
    )
