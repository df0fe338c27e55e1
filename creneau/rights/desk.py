"""The rights-requests desk (GDPR art. 12): what platform staff with the "privacy officer"
permission (`privacy.handle_rightsrequest`) see of the requests to the operator, and what they do
with them.

Fulfilment calls the functions self-service calls: erasure is `customer_erase` (its receipt,
its confirmation e-mail), access is the same archive as "Download my data" (`export_request`),
sent as an expiring link. Status changes are compare-and-set from `received`, so two officers
clicking at once close a request once. Every state change and every note is a
`RightsRequestNote`; opening a request that matches an account writes an audit entry about it.

The desk's daily reminder (`desk_reminder_daily`) tells the DPO address which requests are due
within `REMINDER_WINDOW` or overdue, by reference and deadline only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from creneau.consent.models import AccountChoiceSource, AccountPurpose
from creneau.consent.objection import account_choices_set
from creneau.errors import DomainError
from creneau.notifications.models import OutboundMessage
from creneau.notifications.outbox import message_enqueue
from creneau.privacy.audit import audit_record
from creneau.privacy.erasure import customer_erase
from creneau.privacy.export import EXPORT_LIFETIME, export_request, export_token
from creneau.privacy.models import ErasureReceipt, ProcessingRestriction
from creneau.privacy.registry import registry
from creneau.privacy.restriction import restriction_start
from creneau.rights.models import RightsRequest, RightsRequestNote

if TYPE_CHECKING:
    from creneau.accounts.models import User

REMINDER_WINDOW = timedelta(days=7)
REMINDER_TEMPLATE = "rights_desk_reminder"


class RequestClosed(DomainError):
    """The request is no longer `received`: someone else closed it first."""

    code = "rights_request_closed"
    status = 409
    default_message = _("This request was already closed.")


@dataclass
class DeskRow:
    request: RightsRequest
    days_left: int | None
    overdue: bool


@dataclass
class Matches:
    """What the platform holds under a request's e-mail address: the accounts, and counts by
    key from the matchers the apps registered (bookings: `account_bookings`, `contacts`,
    `contact_bookings`)."""

    accounts: list[Any] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


# --- reads --------------------------------------------------------------------------------------


def desk_requests(*, now: datetime, status: str | None = None) -> list[DeskRow]:
    """Requests for the desk: open ones (received) first, by deadline, so overdue ones lead;
    then the closed ones, most recently closed first. Unconfirmed requests are nobody's yet
    and are not shown. `status` keeps one status only."""
    shown = RightsRequest.objects.exclude(status=RightsRequest.Status.UNCONFIRMED)
    if status:
        shown = shown.filter(status=status)
    open_ = shown.filter(status=RightsRequest.Status.RECEIVED).order_by("due_at", "pk")
    closed = shown.exclude(status=RightsRequest.Status.RECEIVED).order_by("-closed_at", "-pk")
    rows = []
    for request in [*open_, *closed]:
        days = request.days_left(now)
        is_open = request.status == RightsRequest.Status.RECEIVED
        rows.append(
            DeskRow(
                request=request,
                days_left=days if is_open else None,
                overdue=is_open and request.due_at is not None and request.due_at <= now,
            )
        )
    return rows


def _accounts_of(email: str) -> QuerySet[Any]:
    from allauth.account.models import EmailAddress

    User = get_user_model()
    ids = EmailAddress.objects.filter(email__iexact=email).values("user_id")
    return User.objects.filter(Q(email__iexact=email) | Q(pk__in=ids)).order_by("pk")


def desk_matches(*, request: RightsRequest) -> Matches:
    """The accounts found for the request's address, and what each app's desk matcher
    (`registry.register_desk_matcher`) finds for it: bookings, salons' walk-in contacts."""
    accounts = list(_accounts_of(request.email))
    return Matches(
        accounts=accounts,
        counts=registry.desk_matches(email=request.email, accounts=accounts),
    )


def desk_request_open(*, request: RightsRequest, actor: User, now: datetime) -> Matches:
    """The request page: the matches, and an audit entry about each account looked at."""
    matches = desk_matches(request=request)
    with transaction.atomic():
        for account in matches.accounts:
            audit_record(
                actor=actor,
                action="rights_request.viewed",
                subject_user=account,
                obj=request,
                reason=request.reference,
                now=now,
            )
    return matches


# --- writes -------------------------------------------------------------------------------------


def desk_note_add(*, request: RightsRequest, actor: User, text: str, now: datetime) -> None:
    RightsRequestNote.objects.create(
        request=request, author=actor, text=text.strip(), created_at=now
    )


def _close(
    *, request: RightsRequest, status: str, outcome: str, actor: User, note: str, now: datetime
) -> None:
    """Compare-and-set received -> `status`; RequestClosed when someone was first. Call inside
    the transaction of the action, so a lost race undoes nothing already done."""
    updated = RightsRequest.objects.filter(
        pk=request.pk, status=RightsRequest.Status.RECEIVED
    ).update(status=status, closed_at=now, outcome=outcome)
    if not updated:
        raise RequestClosed(request.reference)
    desk_note_add(request=request, actor=actor, text=note, now=now)
    request.refresh_from_db()


def _tell(*, request: RightsRequest, template: str, context: dict[str, Any], now: datetime) -> None:
    """An answer to the requester; the outbox blanks its address and body once sent."""
    message = message_enqueue(
        template=template,
        to_address=request.email,
        language=request.language,
        context={"reference": request.reference, "right": request.get_right_display(), **context},
        now=now,
    )
    OutboundMessage.objects.filter(pk=message.pk).update(erase_after_send=True)


def desk_fulfil(*, request: RightsRequest, actor: User, now: datetime) -> RightsRequest:
    """Fulfil a received request in one click, as self-service would.

    Erasure: `customer_erase` of each account with the address (receipt reason `request`, its
    own confirmation e-mail); without an account there is nothing of the person but the request
    itself, and the person is told so. Walk-in contacts that salons entered with the address are
    erased with the account; contacts with the address and no account are erased through the
    registry's address erasers (`registry.erase_by_address`). Access: the archive of "Download
    my data", prepared by the task and sent as a link lasting `EXPORT_LIFETIME`; portability is
    the same machine-readable archive. Restriction marks each account and the address
    (`privacy.restriction`). Withdrawal of consent withdraws every opt-in of each account (the
    cookie choices belong to a browser and are changed from its cookie settings). Rectification
    and objection are done by hand by the officer; fulfilling records that they were done.
    Raises ErasureRefused (nothing changed) or RequestClosed.
    """
    right = RightsRequest.Right(request.right)
    with transaction.atomic():
        accounts = list(_accounts_of(request.email))
        if right == RightsRequest.Right.ERASURE:
            receipts = [
                customer_erase(
                    user=account, actor=actor, reason=ErasureReceipt.Reason.REQUEST, now=now
                )
                for account in accounts
            ]
            references = ", ".join(r.reference for r in receipts)
            without_account = registry.erase_by_address(emails={request.email}, now=now)
            if not receipts:
                _tell(request=request, template="rights_request_fulfilled", context={}, now=now)
            contacts = sum(without_account.values())
            outcome = f"Erased; receipts: {references}" if receipts else "No account held."
            if contacts:
                outcome += f" Walk-in contact records erased: {contacts}."
        elif right in (RightsRequest.Right.ACCESS, RightsRequest.Right.PORTABILITY):
            # Portability is the same archive: JSON, and CSV files in a zip, machine-readable.
            links = []
            for account in accounts:
                export = export_request(user=account, now=now)
                links.append(
                    settings.SITE_URL
                    + reverse("privacy:export_download", args=[export_token(export)])
                )
            _tell(
                request=request,
                template="rights_request_fulfilled",
                context={"links": links, "link_days": EXPORT_LIFETIME.days},
                now=now,
            )
            outcome = f"Archive link sent ({len(links)} account(s))."
        elif right == RightsRequest.Right.RESTRICTION:
            for account in accounts:
                restriction_start(
                    actor=actor,
                    now=now,
                    source=ProcessingRestriction.Source.DESK,
                    user=account,
                    reason=request.reference,
                )
            # What salons entered under the address without an account is restricted too.
            restriction_start(
                actor=actor,
                now=now,
                source=ProcessingRestriction.Source.DESK,
                email=request.email,
                reason=request.reference,
            )
            _tell(request=request, template="rights_request_fulfilled", context={}, now=now)
            outcome = f"Processing restricted ({len(accounts)} account(s) and the address)."
        elif right == RightsRequest.Right.WITHDRAWAL:
            withdrawn = 0
            for account in accounts:
                withdrawn += len(
                    account_choices_set(
                        user=account,
                        choices=dict.fromkeys(AccountPurpose.values, False),
                        source=AccountChoiceSource.DESK,
                        now=now,
                    )
                )
            _tell(request=request, template="rights_request_fulfilled", context={}, now=now)
            outcome = f"Consents withdrawn: {withdrawn}."
        else:
            _tell(request=request, template="rights_request_fulfilled", context={}, now=now)
            outcome = "Done by the privacy officer."
        _close(
            request=request,
            status=RightsRequest.Status.FULFILLED,
            outcome=outcome,
            actor=actor,
            note=f"Fulfilled. {outcome}",
            now=now,
        )
    return request


def desk_reject(
    *, request: RightsRequest, actor: User, reason: str, now: datetime
) -> RightsRequest:
    """Refuse a request (art. 12(4)): the person is told why and that they may complain to the
    supervisory authority. Raises RequestClosed."""
    reason = reason.strip()
    if not reason:
        raise ValueError("A rejection needs a reason.")
    with transaction.atomic():
        _close(
            request=request,
            status=RightsRequest.Status.REJECTED,
            outcome=reason,
            actor=actor,
            note=f"Rejected: {reason}",
            now=now,
        )
        _tell(
            request=request, template="rights_request_rejected", context={"reason": reason}, now=now
        )
    return request


# --- the daily reminder -------------------------------------------------------------------------


def _local_day_start(now: datetime) -> datetime:
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def desk_reminder_daily(*, now: datetime) -> int | None:
    """Once a local day, e-mail the DPO address the open requests due within REMINDER_WINDOW and
    the overdue ones: references and deadlines, nothing about the people. Today's reminder in
    the outbox is the mark that the day is done (two clocks in the same second could both
    send: a duplicate reminder is harmless). Returns the requests listed, None when nothing
    was due today."""
    if OutboundMessage.objects.filter(
        template=REMINDER_TEMPLATE, created_at__gte=_local_day_start(now)
    ).exists():
        return None
    due = list(
        RightsRequest.objects.filter(
            status=RightsRequest.Status.RECEIVED, due_at__lte=now + REMINDER_WINDOW
        ).order_by("due_at", "pk")
    )
    if not due:
        return None
    rows = [
        {
            "reference": r.reference,
            "due_at": r.due_at,
            "days_left": r.days_left(now),
            "overdue": r.due_at is not None and r.due_at <= now,
        }
        for r in due
    ]
    message_enqueue(
        template=REMINDER_TEMPLATE,
        to_address=settings.OPERATOR["DPO_EMAIL"],
        language=settings.LANGUAGE_CODE,
        context={
            "overdue": [row for row in rows if row["overdue"]],
            "soon": [row for row in rows if not row["overdue"]],
            "desk_url": settings.SITE_URL + reverse("privacy:desk_requests"),
        },
        now=now,
    )
    return len(rows)
