"""Delivering outbox messages: claim, send, record. See docs/notifications.md.

A try is three steps, and only the first and last touch the database:

1. Claim, in a short transaction: the row moves from pending (due) to sending, with this try's
   token in `claimed_by` and one more attempt counted. On PostgreSQL the row is read with
   `SELECT ... FOR UPDATE SKIP LOCKED`, so a worker never waits behind another one claiming the
   same row; on SQLite the IMMEDIATE transaction already serialises writers. In both, the
   compare-and-set UPDATE is what decides: of two workers, one changes the row, the other
   changes nothing and leaves.
2. Send, outside any transaction (a slow mail server must not hold a lock), with the row's
   fixed Message-ID.
3. Record the outcome by compare-and-set on our token: sent, or pending again after a backoff,
   or failed once the tries are spent.

A worker that dies between 1 and 3 leaves the row "sending"; the clock's sweep claims it again
once `NOTIFICATIONS_CLAIM_TIMEOUT_SECONDS` have passed and sends it again with the same
Message-ID. Delivery to the mail server is therefore at least once, and a copy sent twice is
recognisable (and is dropped by most receiving systems) by its Message-ID.
"""

from __future__ import annotations

import logging
import os
import secrets
import smtplib
import socket
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from creneau.consent.objection import unsubscribe_url
from creneau.notifications.models import Channel, MessageStatus, OutboundMessage
from creneau.notifications.outbox import after_commit, is_marketing, marketing_purpose
from creneau.notifications.sms import SmsError, sms_backend
from creneau.notifications.tasks import deliver_message

logger = logging.getLogger("creneau.notifications")

_WORKER = f"{socket.gethostname()[:60]}:{os.getpid()}"
_ERROR_LIMIT = 1000


def _claim_timeout() -> timedelta:
    return timedelta(seconds=settings.NOTIFICATIONS_CLAIM_TIMEOUT_SECONDS)


def retry_delay(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failed try: base, 2x base, 4x base ..., capped."""
    base = settings.NOTIFICATIONS_RETRY_BASE_SECONDS
    seconds = min(base * 2 ** max(attempts - 1, 0), settings.NOTIFICATIONS_RETRY_MAX_SECONDS)
    return timedelta(seconds=seconds)


def _claimable(now: datetime) -> Q:
    due = Q(status=MessageStatus.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    # Claimed by a worker that has not finished within the timeout: it died (or hung).
    abandoned = Q(
        status=MessageStatus.SENDING,
        claimed_at__lt=now - _claim_timeout(),
        attempts__lt=settings.NOTIFICATIONS_MAX_ATTEMPTS,
    )
    return due | abandoned


def _claim(message_pk: int, now: datetime) -> OutboundMessage | None:
    token = f"{_WORKER}:{secrets.token_hex(4)}"
    with transaction.atomic():
        candidates = OutboundMessage.objects.filter(_claimable(now), pk=message_pk)
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        message = candidates.first()
        if message is None:
            return None
        # Compare-and-set on what we read: only one claimer can change the row.
        changed = OutboundMessage.objects.filter(
            pk=message_pk,
            status=message.status,
            attempts=message.attempts,
            claimed_by=message.claimed_by,
        ).update(
            status=MessageStatus.SENDING,
            attempts=F("attempts") + 1,
            claimed_at=now,
            claimed_by=token,
        )
        if not changed:
            return None
    message.status = MessageStatus.SENDING
    message.attempts += 1
    message.claimed_at = now
    message.claimed_by = token
    return message


def message_headers(message: OutboundMessage) -> dict[str, str]:
    """The e-mail headers of `message`: its fixed Message-ID, and for marketing the one-click
    unsubscribe of RFC 8058 (a signed link that needs no login; the same on every try)."""
    headers = {"Message-ID": message.message_id, "Auto-Submitted": "auto-generated"}
    if is_marketing(message.template) and message.user is not None:
        url = unsubscribe_url(user=message.user, purpose=marketing_purpose(message.channel))
        headers["List-Unsubscribe"] = f"<{url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def _send(message: OutboundMessage) -> None:
    if message.channel == Channel.SMS:
        sms_backend().send(
            to=message.to_address, body=message.body_text, message_id=message.message_id
        )
        return
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_address],
        headers=message_headers(message),
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments:
        email.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    email.send(fail_silently=False)


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else reply


def describe_error(error: BaseException) -> str:
    """What went wrong, for `last_error`: the server's answer or the network error, nothing of
    the message itself (recipients refused are given by their reply code, not their address)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = "; ".join(f"{code} {_text(reply)}" for code, reply in error.recipients.values())
        text = f"Recipient refused: {replies}"
    elif isinstance(error, smtplib.SMTPResponseException):
        text = f"{error.smtp_code} {_text(error.smtp_error)}"
    elif isinstance(error, smtplib.SMTPException | SmsError):
        text = f"{type(error).__name__}: {error}"
    elif isinstance(error, OSError):
        text = f"{type(error).__name__}: {error.strerror or error}"
    else:
        text = type(error).__name__
    return text[:_ERROR_LIMIT]


def _forget(message: OutboundMessage) -> None:
    """Blank the address and bodies of a message flagged `erase_after_send` (the confirmation
    of an erasure) once it is sent or failed for good: nothing of the person stays. On SQLite
    the WAL is checkpointed so the old row version does not linger there either."""
    if not message.erase_after_send:
        return
    OutboundMessage.objects.filter(pk=message.pk).update(
        to_address="", subject="", body_text="", body_html="", attachments=[]
    )
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _record_failure(message: OutboundMessage, error: BaseException, now: datetime) -> str:
    summary = describe_error(error)
    gave_up = message.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
    next_attempt_at = None if gave_up else now + retry_delay(message.attempts)
    changed = OutboundMessage.objects.filter(
        pk=message.pk, status=MessageStatus.SENDING, claimed_by=message.claimed_by
    ).update(
        status=MessageStatus.FAILED if gave_up else MessageStatus.PENDING,
        next_attempt_at=next_attempt_at,
        last_error=summary,
        claimed_at=None,
        claimed_by="",
    )
    logger.warning(
        "message %s (%s) try %s failed%s: %s",
        message.pk,
        message.template,
        message.attempts,
        ", giving up" if gave_up else "",
        summary,
    )
    if not changed:
        return "lost-claim"
    if gave_up:
        _forget(message)
        return "failed"
    backend = deliver_message.get_backend()
    if backend.supports_defer:
        # The retry is a task that waits in the queue until it is due; if that task is lost,
        # the clock's sweep picks the message up.
        pk = message.pk
        after_commit(lambda: deliver_message.using(run_after=next_attempt_at).enqueue(pk))
    return "retry"


def message_deliver(*, message_pk: int, now: datetime | None = None) -> str:
    """Make one try at delivering outbox message `message_pk`.

    Returns "sent", "retry" (failed, another try is scheduled), "failed" (tries spent),
    "skipped" (not due, claimed by another worker, already sent or deleted) or "lost-claim"
    (this try took longer than the claim timeout and another worker took the message over).
    Never raises for a delivery error: the error is recorded on the row.
    """
    now = now or timezone.now()
    message = _claim(message_pk, now)
    if message is None:
        return "skipped"
    try:
        _send(message)
    except Exception as error:
        return _record_failure(message, error, now)
    changed = OutboundMessage.objects.filter(
        pk=message.pk, status=MessageStatus.SENDING, claimed_by=message.claimed_by
    ).update(status=MessageStatus.SENT, sent_at=now, claimed_at=None, claimed_by="")
    if not changed:
        # Sent, but the claim had timed out and another worker took the row over: it will be
        # sent again with the same Message-ID. A claim timeout far above EMAIL_TIMEOUT avoids it.
        logger.warning("message %s sent after its claim expired", message.pk)
        return "lost-claim"
    _forget(message)
    logger.info("message %s (%s) sent on try %s", message.pk, message.template, message.attempts)
    return "sent"


def messages_deliver_due(*, now: datetime, limit: int | None = None) -> int:
    """The clock's sweep: deliver what the task queue has not.

    Pending messages overdue by `NOTIFICATIONS_SWEEP_AFTER_SECONDS` (their task was lost, or
    the queue was down) and messages claimed by a worker that died are tried here, oldest
    first, at most `limit` (default `NOTIFICATIONS_SWEEP_BATCH`) per run. A message abandoned
    during its last allowed try is marked failed. Safe to run in several processes at once.
    Returns the number sent.
    """
    limit = settings.NOTIFICATIONS_SWEEP_BATCH if limit is None else limit
    stale_before = now - _claim_timeout()
    OutboundMessage.objects.filter(
        status=MessageStatus.SENDING,
        claimed_at__lt=stale_before,
        attempts__gte=settings.NOTIFICATIONS_MAX_ATTEMPTS,
    ).update(
        status=MessageStatus.FAILED,
        last_error="The worker stopped during the last try.",
        claimed_at=None,
        claimed_by="",
    )
    overdue = now - timedelta(seconds=settings.NOTIFICATIONS_SWEEP_AFTER_SECONDS)
    due = (
        Q(status=MessageStatus.PENDING, next_attempt_at__isnull=True, created_at__lte=overdue)
        | Q(status=MessageStatus.PENDING, next_attempt_at__lte=overdue)
        | Q(status=MessageStatus.SENDING, claimed_at__lt=stale_before)
    )
    ids = list(
        OutboundMessage.objects.filter(due)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in ids:
        # Each try takes its own time: its claim must start when it starts, or a long sweep
        # would hand out claims that already look abandoned.
        if message_deliver(message_pk=pk, now=timezone.now()) == "sent":
            sent += 1
    return sent


def message_retry(*, message_pk: int) -> bool:
    """Give a failed message a fresh series of tries, starting now (the admin's "retry now").

    Returns False when the message is not failed (any more).
    """
    changed = OutboundMessage.objects.filter(pk=message_pk, status=MessageStatus.FAILED).update(
        status=MessageStatus.PENDING,
        attempts=0,
        next_attempt_at=None,
        claimed_at=None,
        claimed_by="",
    )
    if not changed:
        return False
    after_commit(lambda: deliver_message.enqueue(message_pk))
    logger.info("message %s queued again by hand", message_pk)
    return True
