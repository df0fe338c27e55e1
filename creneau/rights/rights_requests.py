"""Requests to the operator (GDPR art. 12 and 15-21): the public form, the e-mail confirmation,
and registration by platform staff.

A request made on the form is recorded as unconfirmed and a signed link is e-mailed to the
address given; only when that link is used is the request received and its 30-day deadline
set. Until then it is nobody's request: retention deletes it after
RETENTION_RIGHTS_REQUEST_UNCONFIRMED_HOURS, and the confirmation e-mail forgets its address and
body once sent (`erase_after_send`), so an unconfirmed request leaves nothing personal.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse

from creneau.rights.models import RightsRequest, RightsRequestNote

if TYPE_CHECKING:
    from creneau.accounts.models import User

LEGAL_DEADLINE = timedelta(days=30)
_SALT = "creneau.privacy.rights_request"
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _reference() -> str:
    return "RR-" + "".join(secrets.choice(_ALPHABET) for _ in range(8))


def unconfirmed_lifetime() -> timedelta:
    return timedelta(hours=settings.RETENTION_RIGHTS_REQUEST_UNCONFIRMED_HOURS)


def rights_request_token(request: RightsRequest) -> str:
    return signing.dumps({"rr": request.pk, "ref": request.reference}, salt=_SALT)


def _confirmation_send(request: RightsRequest, *, now: datetime) -> None:
    from creneau.notifications.models import OutboundMessage
    from creneau.notifications.outbox import message_enqueue

    url = settings.SITE_URL + reverse(
        "privacy:rights_confirm", args=[rights_request_token(request)]
    )
    message = message_enqueue(
        template="rights_request_confirm",
        to_address=request.email,
        language=request.language,
        context={
            "recipient_name": request.first_name,
            "reference": request.reference,
            "right": request.get_right_display(),
            "confirm_url": url,
            "hours": settings.RETENTION_RIGHTS_REQUEST_UNCONFIRMED_HOURS,
        },
        now=now,
    )
    OutboundMessage.objects.filter(pk=message.pk).update(erase_after_send=True)


def rights_request_submit(
    *,
    first_name: str,
    last_name: str,
    email: str,
    right: str,
    statement: str,
    language: str,
    now: datetime,
) -> RightsRequest:
    """Record a request from the public form, unconfirmed, and e-mail the confirmation link."""
    with transaction.atomic():
        request = RightsRequest.objects.create(
            reference=_reference(),
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email.strip().lower(),
            right=RightsRequest.Right(right),
            statement=statement.strip(),
            language=language,
            created_at=now,
        )
        _confirmation_send(request, now=now)
    return request


def rights_request_from_token(token: str, *, now: datetime) -> RightsRequest | None:
    """The request the signed `token` names, if the link has not expired and the request
    still exists (a purged request is gone for good)."""
    try:
        payload = signing.loads(token, salt=_SALT, max_age=unconfirmed_lifetime())
    except signing.BadSignature:
        return None
    return RightsRequest.objects.filter(pk=payload.get("rr"), reference=payload.get("ref")).first()


def rights_request_confirm(*, request: RightsRequest, now: datetime) -> RightsRequest:
    """The requester proved control of the address: the request is received and its deadline
    runs from now. Confirming twice changes nothing (compare-and-set on the status)."""
    updated = RightsRequest.objects.filter(
        pk=request.pk, status=RightsRequest.Status.UNCONFIRMED
    ).update(status=RightsRequest.Status.RECEIVED, confirmed_at=now, due_at=now + LEGAL_DEADLINE)
    request.refresh_from_db()
    if updated:
        RightsRequestNote.objects.create(
            request=request, text="Received: the e-mail address was confirmed.", created_at=now
        )
    return request


def rights_request_register(
    *,
    actor: User,
    first_name: str,
    last_name: str,
    email: str,
    right: str,
    statement: str,
    now: datetime,
    language: str = "fr",
) -> RightsRequest:
    """Platform staff register a request made another way (letter, phone, e-mail to the DPO),
    having checked the person's identity themselves: it is received at once."""
    with transaction.atomic():
        request = RightsRequest.objects.create(
            reference=_reference(),
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email.strip().lower(),
            right=RightsRequest.Right(right),
            statement=statement.strip(),
            language=language,
            status=RightsRequest.Status.RECEIVED,
            created_at=now,
            confirmed_at=now,
            due_at=now + LEGAL_DEADLINE,
            registered_by=actor,
        )
        RightsRequestNote.objects.create(
            request=request,
            author=actor,
            text="Registered by platform staff on the person's behalf.",
            created_at=now,
        )
    return request
