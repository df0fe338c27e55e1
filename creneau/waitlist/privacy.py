"""Personal data of the waitlist: what a customer waits for and the times offered to them.

Erasure deletes the person's entries and their offers (the bookings made from offers are the
bookings app's). Ended entries (booked, left, dates passed) are deleted 30 days after they
ended (retention rule `ended_waitlist_entries_purged`), with their offers.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, TypedDict

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

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
from creneau.privacy.retention import declared_period
from creneau.waitlist.models import EntryStatus, WaitlistEntry, WaitlistOffer

ENDED_RETENTION = timedelta(days=30)
_RETENTION = _("while waiting; deleted 30 days after the entry ended")


class _Entry(TypedDict):
    category: Category
    purpose: Text
    basis: Basis
    retention: Text
    on_erasure: OnErasure


_entry: _Entry = dict(
    category=Category.BOOKING,
    purpose=_("offer the customer a freed time that suits them"),
    basis=Basis.CONTRACT,
    retention=_RETENTION,
    on_erasure=OnErasure.DELETE,
)

register(
    "waitlist.WaitlistEntry",
    {
        "id": NO,
        "business": NO,
        "customer": personal(**(_entry | {"category": Category.IDENTITY})),
        "services": personal(**_entry),
        "staff": personal(**_entry),
        "first_day": personal(**_entry),
        "last_day": personal(**_entry),
        "weekdays": personal(**_entry),
        "earliest": personal(**_entry),
        "latest": personal(**_entry),
        "sms": personal(
            category=Category.PREFERENCES,
            purpose=_("tell the customer of an offer by SMS too, as they asked"),
            basis=Basis.CONSENT,
            retention=_RETENTION,
            on_erasure=OnErasure.DELETE,
        ),
        "status": NO,
        "created_at": personal(
            **(_entry | {"purpose": _("the order in which offers go out")}),
            period=ENDED_RETENTION,
        ),
        "ended_at": NO,
    },
)
register(
    "waitlist.WaitlistOffer",
    {
        "id": NO,
        "entry": NO,
        "business": NO,
        "staff": NO,
        "start": personal(**_entry),
        "blocked_until": NO,
        "token": personal(
            category=Category.CREDENTIALS,
            purpose=_("the link that books the held time"),
            basis=Basis.CONTRACT,
            retention=_RETENTION,
            on_erasure=OnErasure.DELETE,
        ),
        "status": NO,
        "created_at": NO,
        "expires_at": NO,
        "decided_at": NO,
        "booking": NO,
    },
)


def waitlist_export(*, user: Any) -> dict[str, list[dict[str, Any]]]:
    entries = (
        WaitlistEntry.objects.filter(customer=user)
        .select_related("business", "staff")
        .prefetch_related("services", "offers")
        .order_by("created_at")
    )
    return {
        "waitlist": [
            {
                "salon": e.business.name,
                "services": ", ".join(s.name for s in e.services.all()),
                "with": e.staff.display_name if e.staff else "",
                "from": e.first_day.isoformat(),
                "until": e.last_day.isoformat(),
                "weekdays": e.weekdays,
                "not_before": e.earliest.isoformat(),
                "latest_start": e.latest.isoformat(),
                "sms": e.sms,
                "status": e.status,
                "joined_at": e.created_at.isoformat(),
                "offers": "; ".join(f"{o.start.isoformat()} ({o.status})" for o in e.offers.all()),
            }
            for e in entries
        ]
    }


def waitlist_erase(context: ErasureContext) -> None:
    offers = WaitlistOffer.objects.filter(entry__customer=context.user).delete()[0]
    context.count("waitlist.waitlistoffer", offers)
    context.count(
        "waitlist.waitlistentry",
        WaitlistEntry.objects.filter(customer=context.user)
        .delete()[1]
        .get("waitlist.WaitlistEntry", 0),
    )


register_handlers("waitlist", export=waitlist_export, erase=waitlist_erase, order=9)


def select_ended_entries(now: datetime) -> QuerySet[Any]:
    cutoff = now - declared_period("waitlist.WaitlistEntry", "created_at")
    return WaitlistEntry.objects.exclude(status=EntryStatus.WAITING).filter(ended_at__lte=cutoff)


register_retention_rule(
    Rule(
        "ended_waitlist_entries_purged",
        "waitlist entries that ended (booked, left, dates passed) more than 30 days ago are "
        "deleted with their offers",
        select_ended_entries,
        order=150,
    )
)
