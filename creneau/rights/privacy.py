"""Personal data of the rights app: requests to the operator and their notes (kept to prove
the answer), and the breach register (which describes a breach, never the people in it)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, TypedDict

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from creneau.notifications.models import OutboundMessage
from creneau.privacy.registry import NOT_PERSONAL as NO
from creneau.privacy.registry import (
    Basis,
    Category,
    OnErasure,
    Rule,
    Text,
    personal,
    register,
    register_retention_rule,
)
from creneau.privacy.retention import declared_period, delete_selected
from creneau.rights.models import DataBreach, RightsRequest, RightsRequestNote

# The breach register describes a breach (categories, a number), never the people in it.
register(
    DataBreach,
    dict.fromkeys(
        [
            "id",
            "summary",
            "data_categories",
            "people_affected",
            "occurred_at",
            "known_at",
            "authority_notified_at",
            "authority_reason",
            "people_notified_at",
            "people_reason",
            "measures",
            "created_at",
        ],
        NO,
    ),
)

RIGHTS_REQUEST_RETENTION = timedelta(days=3 * 365)


class _Kept(TypedDict):
    basis: Basis
    retention: Text
    period: timedelta
    on_erasure: OnErasure
    keep_until: Text


_request: _Kept = dict(
    basis=Basis.LEGAL_OBLIGATION,
    retention=_("48 hours if never confirmed; else 3 years after it was closed (proof of answer)"),
    period=RIGHTS_REQUEST_RETENTION,
    on_erasure=OnErasure.KEEP,
    keep_until=_("3 years after the request was closed, to prove it was answered"),
)
register(
    RightsRequest,
    {
        "id": NO,
        "reference": NO,
        "first_name": personal(
            category=Category.IDENTITY, purpose=_("answer a data-subject request"), **_request
        ),
        "last_name": personal(
            category=Category.IDENTITY, purpose=_("answer a data-subject request"), **_request
        ),
        "email": personal(
            category=Category.CONTACT, purpose=_("answer a data-subject request"), **_request
        ),
        "right": NO,
        "statement": personal(
            category=Category.IDENTITY, purpose=_("answer a data-subject request"), **_request
        ),
        "language": NO,
        "status": NO,
        "created_at": NO,
        "confirmed_at": NO,
        "due_at": NO,
        "closed_at": NO,
        "outcome": personal(
            category=Category.TECHNICAL, purpose=_("answer a data-subject request"), **_request
        ),
        "registered_by": NO,
    },
)
register(
    RightsRequestNote,
    {
        "id": NO,
        "request": NO,
        "author": NO,
        "text": personal(
            category=Category.TECHNICAL, purpose=_("answer a data-subject request"), **_request
        ),
        "created_at": NO,
    },
)


def select_unconfirmed_rights_requests(now: datetime) -> models.QuerySet[Any]:
    hours = settings.RETENTION_RIGHTS_REQUEST_UNCONFIRMED_HOURS
    return RightsRequest.objects.filter(
        status=RightsRequest.Status.UNCONFIRMED, created_at__lte=now - timedelta(hours=hours)
    )


def apply_unconfirmed_rights_requests(selected: models.QuerySet[Any], now: datetime) -> int:
    with transaction.atomic():
        emails = set(selected.values_list("email", flat=True))
        # A confirmation e-mail never delivered still holds the address: it goes too.
        OutboundMessage.objects.filter(
            template="rights_request_confirm", to_address__in=emails
        ).exclude(status="sent").delete()
        return delete_selected(selected, now)


def select_closed_rights_requests(now: datetime) -> models.QuerySet[Any]:
    cutoff = now - declared_period(RightsRequest, "email")
    return RightsRequest.objects.filter(closed_at__lte=cutoff)


register_retention_rule(
    Rule(
        "unconfirmed_rights_requests_purged",
        "requests from the public form whose e-mail was not confirmed within "
        "RETENTION_RIGHTS_REQUEST_UNCONFIRMED_HOURS (48 hours) are deleted",
        select_unconfirmed_rights_requests,
        apply_unconfirmed_rights_requests,
        order=110,
    )
)
register_retention_rule(
    Rule(
        "closed_rights_requests_purged",
        "requests closed longer ago than their declared period (3 years) are deleted",
        select_closed_rights_requests,
        order=120,
    )
)
