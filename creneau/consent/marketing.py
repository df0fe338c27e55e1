"""The marketing gate: news and offers go out only to an account that opted in on that channel
and whose address is not on the suppression list, and each carries a one-click unsubscribe.

The outbox knows nothing of marketing: this module reserves the `marketing/` templates to itself
(`marketing_gate_register`, called when the consent app loads), so `message_enqueue` refuses
them from anyone else, checks the opt-in and the suppression list (`consent.objection`, which
reads the erasure tombstones), then queues the message with its unsubscribe link in the context
and the RFC 8058 headers (a signed link that needs no login, the same on every try) fixed on the
row.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db.models import Q

from creneau.consent.models import AccountPurpose
from creneau.consent.objection import account_allows, marketing_suppressed, unsubscribe_url
from creneau.errors import DomainError
from creneau.notifications.models import Channel, MessageStatus, OutboundMessage
from creneau.notifications.outbox import message_enqueue, messages_delete, template_gate_register
from creneau.privacy.restriction import processing_restricted, restriction_handler_register

MARKETING_PREFIX = "marketing/"


class MarketingRefused(DomainError):
    """A marketing message for someone who has not opted in to it on that channel."""

    code = "marketing_refused"
    status = 409


def is_marketing(template: str) -> bool:
    return template.startswith(MARKETING_PREFIX)


def marketing_purpose(channel: str) -> AccountPurpose:
    if channel == Channel.SMS:
        return AccountPurpose.MARKETING_SMS
    return AccountPurpose.MARKETING_EMAIL


def marketing_gate_register() -> None:
    """Reserve the `marketing/` templates to `marketing_message_enqueue`, and withdraw the
    queued ones of a person whose processing gets restricted."""
    template_gate_register(MARKETING_PREFIX, refused=MarketingRefused)
    restriction_handler_register(marketing_queue_withdraw)


def marketing_queue_withdraw(*, user: Any, email: str, now: datetime) -> int:
    """Delete the news and offers queued for the account or address and not yet sent."""
    queued = OutboundMessage.objects.filter(
        template__startswith=MARKETING_PREFIX,
        status=MessageStatus.PENDING,
    )
    addressed = Q(to_address__iexact=email) if email else Q(pk__in=[])
    if user is not None:
        addressed |= Q(user=user)
    return messages_delete(queued.filter(addressed))


def marketing_message_enqueue(
    *,
    template: str,
    to_address: str,
    language: str,
    context: Mapping[str, Any],
    user: Any,
    channel: str = Channel.EMAIL,
    time_zone: str | None = None,
    now: datetime,
) -> OutboundMessage:
    """Queue news or offers for one account, as `message_enqueue` does, after the checks.

    The template must live under `marketing/`, and `user` must have opted in to marketing on
    `channel` and, if their address belongs to an erased person, have opted in again since the
    erasure; otherwise `MarketingRefused` is raised and nothing is queued. The context gets
    `unsubscribe_url`; an e-mail gets the List-Unsubscribe and List-Unsubscribe-Post headers.
    """
    if not is_marketing(template):
        raise MarketingRefused(f"{template}: marketing templates live under {MARKETING_PREFIX}")
    purpose = marketing_purpose(channel)
    if user is None or not account_allows(user=user, purpose=purpose):
        raise MarketingRefused(f"{template}: no opt-in to {purpose.value}")
    # Restricted processing (GDPR art. 18): the data is only stored, never used to advertise.
    if processing_restricted(user=user, email=to_address):
        raise MarketingRefused(f"{template}: processing restricted")
    # An erased person's address, back with a restored account: the suppression list.
    if marketing_suppressed(user=user, address=to_address, purpose=purpose):
        raise MarketingRefused(f"{template}: address on the suppression list")
    url = unsubscribe_url(user=user, purpose=purpose)
    headers = {}
    if channel == Channel.EMAIL:
        headers = {
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    return message_enqueue(
        template=template,
        to_address=to_address,
        language=language,
        context={**context, "unsubscribe_url": url},
        channel=channel,
        time_zone=time_zone,
        headers=headers,
        user=user,
        gate=MARKETING_PREFIX,
        now=now,
    )
