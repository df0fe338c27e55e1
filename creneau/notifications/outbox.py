"""Putting messages in the outbox.

`message_enqueue` renders a message in its recipient's language and the salon's time zone and
writes it to the outbox in the caller's transaction; the delivery task is queued when that
transaction commits, with the row's id as its only argument (no personal data in the task
table). A rolled back transaction leaves neither the row nor the task.

The outbox knows no sender: who is told what lives with the feature (`bookings.messages`,
`bookings.reminders`, `accounts.messages`, ...). A sender that must check something before a
kind of message may go out (marketing: the opt-in, the suppression list, the unsubscribe
headers, in `consent.marketing`) reserves its templates with `template_gate_register`:
`message_enqueue` then refuses them unless called by that gate.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from creneau.notifications.models import Channel, OutboundMessage
from creneau.notifications.tasks import deliver_message

logger = logging.getLogger("creneau.notifications")

EMAIL_TEMPLATES = "notifications/email"
SMS_TEMPLATES = "notifications/sms"
DELIVERY_TASK = "creneau.notifications.tasks.deliver_message"

# Template prefix -> the exception `message_enqueue` raises for it outside its gate.
_gates: dict[str, type[Exception]] = {}


def template_gate_register(prefix: str, *, refused: type[Exception]) -> None:
    """Reserve the templates under `prefix` (e.g. "marketing/") to one gate, a sender that
    checks something first: `message_enqueue` raises `refused` for such a template unless it is
    called with `gate=prefix`, and for any other template when called with that gate. Apps
    register their gate from their AppConfig.ready."""
    _gates[prefix] = refused


def _check_gate(template: str, gate: str) -> None:
    reserved = next((prefix for prefix in _gates if template.startswith(prefix)), "")
    if reserved != gate:
        refused = _gates.get(reserved or gate, ValueError)
        raise refused(f"{template}: templates under {reserved or gate} go through their gate")


@dataclass(frozen=True)
class Attachment:
    filename: str
    mimetype: str
    content: str

    def as_json(self) -> dict[str, str]:
        return {"filename": self.filename, "mimetype": self.mimetype, "content": self.content}


def language_of(user: Any) -> str:
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
    headers: Mapping[str, str] | None = None,
    user: Any = None,
    about: models.Model | None = None,
    now: datetime,
) -> OutboundMessage:
    """Write an already rendered message to the outbox and queue its delivery on commit.

    `user` is the recipient's account, `about` what the message is about (a booking): erasure
    finds the message through either. `headers` are extra e-mail headers, sent on every try.
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
        headers=dict(headers or {}),
        user=user,
        about=about,
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
    headers: Mapping[str, str] | None = None,
    user: Any = None,
    about: models.Model | None = None,
    gate: str = "",
    now: datetime,
) -> OutboundMessage:
    """Render message `template` for one recipient and put it in the outbox.

    A template reserved by a gate (`template_gate_register`) is refused, with the gate's
    exception and nothing queued, unless `gate` names it: only the gate itself passes it, after
    its checks (marketing: `consent.marketing.marketing_message_enqueue`).

    E-mails use `notifications/email/<template>.subject.txt`, `.txt` and `.html`; SMS use
    `notifications/sms/<template>.txt`. Dates in the context are shown in `time_zone` (the
    salon's), words in `language`. Call it inside the transaction of the change the message
    is about.
    """
    _check_gate(template, gate)
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
        headers=headers,
        user=user,
        about=about,
        now=now,
    )


def messages_delete(messages: models.QuerySet[OutboundMessage]) -> int:
    """Delete `messages` (sent or not) and the task-queue rows of their deliveries (ids only,
    but a failure's traceback may quote the message). Returns how many messages went.

    For erasure: whoever finds the messages about a person calls this."""
    ids = list(messages.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        DBTaskResult.objects.filter(
            task_path=DELIVERY_TASK, args_kwargs__args__0__in=chunk
        ).delete()
        OutboundMessage.objects.filter(pk__in=chunk).delete()
    return len(ids)
