"""The audit log: who accessed or changed whose personal data, when, and why.

One writer, `audit_record`, called by the service that does the access or the change, in its
transaction (pretix's `log_action`, Zulip's `RealmAuditLog`): the entry exists if and only if
what it records happened. Entries are never updated or deleted by code; erasure cuts the links
to people (SET NULL) and keeps the rest. Reads for the customer ("who saw my data") and for
platform staff are selectors over `AuditEntry`.

Action codes are dotted, `<subject>.<verb>`, and listed in `ACTIONS` so they stay few and
stable; the personal fields of `AuditEntry` are declared in `creneau/privacy/privacy.py`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from creneau.privacy.models import AuditEntry
from creneau.privacy.registry import AnyUser

ACTIONS = {
    "customer.file_viewed": "a professional opened a customer's file",
    "customer.note_added": "a professional wrote a private note about a customer",
    "customer.note_deleted": "a professional deleted a private note about a customer",
    "contact.created": "a salon entered a walk-in or phone contact",
    "booking.created_by_salon": "a salon booked for a customer or a contact",
    "customer.admin_viewed": "platform staff opened a customer's account in the admin",
    "rights_request.viewed": "the privacy officer opened a request matching the account",
    "processing.restricted": "the processing of the person's data was restricted",
    "processing.restriction_lifted": "the restriction of processing was lifted",
}

# What the person reads on their "My data" page, in their language.
ACTION_LABELS = {
    "customer.file_viewed": _("opened your customer file"),
    "customer.note_added": _("wrote a private note about you"),
    "customer.note_deleted": _("deleted a private note about you"),
    "contact.created": _("entered your contact details"),
    "booking.created_by_salon": _("made a booking for you"),
    "customer.admin_viewed": _("opened your account in the platform administration"),
    "rights_request.viewed": _("looked up your account to answer a request about your data"),
    "processing.restricted": _("restricted the processing of your data"),
    "processing.restriction_lifted": _("lifted the restriction of processing of your data"),
}

PLATFORM_STAFF_LABEL = "platform staff"

# Reads, as opposed to changes: a reload of the same page by the same viewer within the same
# minute is one access, recorded once; every change is recorded each time.
READ_ACTIONS = frozenset(code for code in ACTIONS if code.endswith("viewed"))


def _label(actor: AnyUser | None, business: Any) -> str:
    if business is not None:
        return str(business.name)[:160]
    if actor is not None and getattr(actor, "is_staff", False):
        return PLATFORM_STAFF_LABEL
    return ""


def audit_record(
    *,
    actor: AnyUser | None,
    action: str,
    subject_user: AnyUser | None = None,
    subject_contact: Any = None,
    business: Any = None,
    obj: models.Model | None = None,
    reason: str = "",
    now: datetime | None = None,
) -> AuditEntry:
    """Append one entry. `actor` is the User acting (None for the system); `business` the salon
    they act for, whose name becomes the entry's label (else "platform staff" for platform
    staff); `obj` the record touched, kept as its model label and primary key.

    `action` must be one of `ACTIONS`: an unknown code is a programming error (ValueError), so
    the list above stays the complete vocabulary of the log.
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}; add it to privacy.audit.ACTIONS.")
    now = now or timezone.now()
    fields = {
        "actor": actor,
        "actor_label": _label(actor, business),
        "action": action,
        "subject_user": subject_user,
        "subject_contact": subject_contact,
        "business": business,
        "object_type": obj._meta.label_lower if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None else "",
        "reason": reason[:200],
    }
    if action in READ_ACTIONS and actor is not None:
        minute = now.replace(second=0, microsecond=0)
        same = AuditEntry.objects.filter(
            **fields, created_at__gte=minute, created_at__lt=minute + timedelta(minutes=1)
        ).first()
        if same is not None:
            return same
    return AuditEntry.objects.create(**fields, created_at=now)


def audit_entries_about_user(*, user: AnyUser) -> models.QuerySet[AuditEntry]:
    """Entries whose subject is `user`, newest first: what the customer sees of who accessed
    their data."""
    return AuditEntry.objects.filter(subject_user=user).order_by("-created_at", "-pk")


def audit_access_log(*, user: AnyUser, limit: int = 100) -> list[dict[str, Any]]:
    """The person's view of `audit_entries_about_user`: who (the salon's name, or platform
    staff), what, when; never which staff member, whose name is theirs, not the customer's."""
    return [
        {
            "who": _("platform staff")
            if entry.actor_label == PLATFORM_STAFF_LABEL
            else (entry.actor_label or _("Créneau")),
            "what": ACTION_LABELS.get(entry.action, entry.action),
            "when": entry.created_at,
        }
        for entry in audit_entries_about_user(user=user)[:limit]
    ]
