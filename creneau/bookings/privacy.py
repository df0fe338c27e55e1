"""Personal data of bookings: the link of a booking to its customer, walk-in contacts, the
salons' notes, reminders and reminder preferences. Erasure deletes the outbox's messages about
the person's bookings (whoever they were sent to: a salon's notice names the customer), their
reminders and preferences, cancels the future bookings (the salons are told, without a name),
pseudonymises the others (kept for accounting, purged when their retention ends), deletes
the notes and erases the walk-in contacts that share the person's e-mail address or phone."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypedDict

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from creneau.bookings.contacts import contact_erase, contact_export, contacts_of_emails
from creneau.bookings.history import booking_event_record, iso_utc
from creneau.bookings.messages import booking_context, salon_recipients
from creneau.bookings.models import (
    ActorKind,
    Booking,
    BookingEvent,
    BookingEventCode,
    BookingReminder,
    BookingService,
    BookingStatus,
    CustomerNote,
    NotificationPreference,
    RecentlyViewedSalon,
    SalonContact,
    StaffCalendarFeed,
)
from creneau.bookings.personalisation import personalisation_forget
from creneau.catalog.freshness import public_pages_changed
from creneau.consent.models import AccountPurpose
from creneau.consent.objection import withdrawal_handler_register
from creneau.notifications.models import Channel, OutboundMessage
from creneau.notifications.outbox import language_of, message_enqueue, messages_delete
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
    register_address_eraser,
    register_desk_matcher,
    register_handlers,
    register_retention_rule,
)
from creneau.privacy.retention import customers, declared_period, erase_each, verified

if TYPE_CHECKING:
    from creneau.accounts.models import User

# French commercial code, art. L123-22: accounting records and their vouchers, 10 years.
ACCOUNTING_RETENTION = timedelta(days=3653)
_KEEP = _("10 years after the appointment (accounting, Code de commerce L123-22)")


class _Contact(TypedDict):
    basis: Basis
    retention: Text


_contact: _Contact = dict(
    basis=Basis.CONTRACT, retention=_("while the salon keeps bookings about them")
)

register(
    Booking,
    {
        "id": NO,
        "reference": NO,
        "business": NO,
        "customer": personal(
            category=Category.BOOKING,
            purpose=_("the customer's bookings: make, show, change, remind"),
            basis=Basis.CONTRACT,
            retention=_("while the account exists; then the booking is pseudonymised"),
            on_erasure=OnErasure.PSEUDONYMISE,
        ),
        "contact": NO,  # the contact's own fields are declared below
        "staff": NO,
        "start": personal(
            category=Category.BOOKING,
            purpose=_("the appointment; the salon's accounts"),
            basis=Basis.LEGAL_OBLIGATION,
            retention=_KEEP,
            period=ACCOUNTING_RETENTION,
            on_erasure=OnErasure.KEEP,
            keep_until=_KEEP,
        ),
        "end": NO,
        "blocked_until": NO,
        "status": NO,
        "source": NO,
        "total_price": personal(
            category=Category.BOOKING,
            purpose=_("the salon's accounts"),
            basis=Basis.LEGAL_OBLIGATION,
            retention=_KEEP,
            period=ACCOUNTING_RETENTION,
            on_erasure=OnErasure.KEEP,
            keep_until=_KEEP,
        ),
        "idempotency_key": personal(
            category=Category.TECHNICAL,
            purpose=_("a request sent twice books once"),
            basis=Basis.CONTRACT,
            retention=_("while the account exists"),
            on_erasure=OnErasure.DELETE,
        ),
        "created_at": NO,
        "updated_at": NO,
        "cancelled_at": NO,
        "customer_note": personal(
            category=Category.BOOKING,
            purpose=_("what the customer asked the salon to know for the appointment"),
            basis=Basis.CONTRACT,
            retention=_("while the account exists; deleted when the booking is pseudonymised"),
            on_erasure=OnErasure.DELETE,
        ),
        "pseudonymised_at": NO,
        "retain_until": NO,
    },
)
register(
    BookingService,
    dict.fromkeys(
        [
            "id",
            "booking",
            "service",
            "position",
            "name",
            "duration_minutes",
            "buffer_minutes",
            "price",
        ],
        NO,
    ),
)
register(
    SalonContact,
    {
        "id": NO,
        "business": NO,
        "name": personal(
            category=Category.IDENTITY,
            purpose=_("recognise the person booked by the salon"),
            on_erasure=OnErasure.PSEUDONYMISE,
            **_contact,
        ),
        "phone": personal(
            category=Category.CONTACT,
            purpose=_("call the person about their appointment"),
            on_erasure=OnErasure.PSEUDONYMISE,
            **_contact,
        ),
        "email": personal(
            category=Category.CONTACT,
            purpose=_("booking messages and the article 14 notice"),
            on_erasure=OnErasure.PSEUDONYMISE,
            **_contact,
        ),
        "created_by": personal(
            category=Category.IDENTITY,
            purpose=_("who at the salon entered the contact"),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_("as the contact"),
            on_erasure=OnErasure.PSEUDONYMISE,
        ),
        "created_at": NO,
        "privacy_notice_sent_at": NO,
        "erased_at": NO,
    },
)
register(
    CustomerNote,
    {
        "id": NO,
        "business": NO,
        "customer": NO,
        "contact": NO,
        "text": personal(
            category=Category.PREFERENCES,
            purpose=_("the salon's private notes about a customer"),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_("while the customer is the salon's customer"),
            on_erasure=OnErasure.DELETE,
        ),
        "author": personal(
            category=Category.IDENTITY,
            purpose=_("who at the salon wrote the note"),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_("as the note"),
            on_erasure=OnErasure.PSEUDONYMISE,
        ),
        "created_at": NO,
    },
)
register(
    RecentlyViewedSalon,
    {
        "id": NO,
        "user": personal(
            category=Category.PREFERENCES,
            purpose=_("personalisation: salons the person looked at"),
            basis=Basis.CONSENT,
            retention=_("90 days, or until personalisation is withdrawn"),
            period=timedelta(days=90),
            on_erasure=OnErasure.DELETE,
        ),
        "business": NO,
        "viewed_at": NO,
    },
)


class _Preference(TypedDict):
    category: Category
    purpose: Text
    basis: Basis
    retention: Text
    on_erasure: OnErasure


_preference: _Preference = dict(
    category=Category.PREFERENCES,
    purpose=_("remind the person as they chose"),
    basis=Basis.CONTRACT,
    retention=_("while the account exists"),
    on_erasure=OnErasure.DELETE,
)
register(
    NotificationPreference,
    {
        "id": NO,
        "user": NO,
        "email_reminders": personal(**_preference),
        "sms_reminders": personal(**_preference),
        "reminder_hours": personal(**_preference),
    },
)
register(BookingReminder, dict.fromkeys(["id", "booking", "start", "queued_at"], NO))
# A booking's history follows its booking: deleted with it by the retention job; erasure
# deletes the salon's notes on the person's bookings and unlinks the person as an actor.
register(
    BookingEvent,
    {
        "id": NO,
        "booking": NO,
        "code": NO,
        "actor_kind": NO,
        "actor": personal(
            category=Category.IDENTITY,
            purpose=_("who changed a booking: its history"),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_("as the booking"),
            on_erasure=OnErasure.PSEUDONYMISE,
        ),
        "staff": NO,
        "at": NO,
        "data": NO,  # times and ids only
        "note": personal(
            category=Category.PREFERENCES,
            purpose=_("the salon's notes in a booking's history"),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_("as the booking"),
            on_erasure=OnErasure.DELETE,
        ),
    },
)


# A team member's calendar address: the hash of its secret, deleted when they are erased (the
# staff row stays with the salon; its agenda is the salon's).
register(
    StaffCalendarFeed,
    {
        "id": NO,
        "staff": NO,
        "token_hash": personal(
            category=Category.CREDENTIALS,
            purpose=_("the team member's private calendar address"),
            basis=Basis.CONTRACT,
            retention=_("until renewed or stopped"),
            on_erasure=OnErasure.DELETE,
        ),
        "created_at": NO,
    },
)


def bookings_export(*, user: User) -> dict[str, list[dict[str, Any]]]:
    bookings = (
        Booking.objects.filter(customer=user)
        .select_related("business", "staff")
        .prefetch_related("lines")
        .order_by("start")
    )
    return {
        "bookings": [
            {
                "reference": b.reference,
                "salon": b.business.name,
                "staff": b.staff.display_name,
                "start": b.start.isoformat(),
                "end": b.end.isoformat(),
                "status": b.status,
                "source": b.source,
                "services": ", ".join(line.name for line in b.lines.all()),
                "total_price": str(b.total_price),
                "created_at": b.created_at.isoformat(),
                "cancelled_at": b.cancelled_at.isoformat() if b.cancelled_at else "",
                "note_for_the_salon": b.customer_note,
            }
            for b in bookings
        ],
        "salon_notes": [
            {"salon": n.business.name, "written_at": n.created_at.isoformat(), "text": n.text}
            for n in CustomerNote.objects.filter(customer=user).select_related("business")
        ],
        "booking_history": [
            {
                "reference": e.booking.reference,
                "event": e.code,
                "by": e.actor_kind,
                "staff": e.staff.display_name if e.staff is not None else "",
                "at": e.at.isoformat(),
                "details": e.data,
                "note": e.note,
            }
            for e in BookingEvent.objects.filter(booking__customer=user)
            .select_related("booking", "staff")
            .order_by("booking__start", "at", "pk")
        ],
        # The same person entered by a salon as a walk-in or phone contact, with a verified
        # address of the account.
        **contact_export(contacts=contacts_of_emails(emails=_verified_emails(user))),
        "reminder_preferences": [_reminder_preferences(user)],
    }


def _reminder_preferences(user: Any) -> dict[str, Any]:
    preference = NotificationPreference.objects.filter(user=user).first()
    return {
        "email_reminders": preference.email_reminders if preference else True,
        "sms_reminders": preference.sms_reminders if preference else False,
        "reminder_hours": preference.reminder_hours if preference else None,
    }


def _verified_emails(user: User) -> set[str]:
    return {
        email.lower()
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }


def _tell_salon_of_erasure(booking: Booking, context: ErasureContext) -> None:
    """The salon's notice of a booking cancelled by an erasure: the booking, never the person."""
    details = booking_context(booking, now=context.now)
    for recipient in salon_recipients(booking):
        message_enqueue(
            template="salon_booking_cancelled_erasure",
            to_address=recipient.email,
            language=language_of(recipient),
            context={**details, "recipient_name": recipient.first_name},
            time_zone=booking.business.timezone,
            channel=Channel.EMAIL,
            user=recipient,
            about=booking,
            now=context.now,
        )
        context.count("notifications.outboundmessage (salon notices)", 1)


def booking_cancel_for_erasure(*, context: ErasureContext) -> list[Booking]:
    """The privileged cancellation of erasure: `booking_cancel` lets only the customer (before
    the salon's deadline) or the salon cancel; erasure cancels every future confirmed booking
    of the person, deadline or not, since the person will not come and cannot be reached.
    Recorded as cancelled by the customer (it is their request); the salon is told."""
    future = list(
        Booking.objects.filter(
            customer=context.user, status=BookingStatus.CONFIRMED, start__gt=context.now
        )
        .select_related("business", "staff")
        .order_by("start")
    )
    # Compare-and-set, as booking_cancel: a booking cancelled meanwhile is not told twice.
    cancelled = []
    for booking in future:
        if Booking.objects.filter(pk=booking.pk, status=BookingStatus.CONFIRMED).update(
            status=BookingStatus.CANCELLED_BY_CUSTOMER,
            cancelled_at=context.now,
            updated_at=context.now,
        ):
            booking.status = BookingStatus.CANCELLED_BY_CUSTOMER
            booking.cancelled_at = context.now
            booking_event_record(
                booking=booking,
                code=BookingEventCode.CANCELLED,
                actor_kind=ActorKind.SYSTEM,
                now=context.now,
                data={"from": iso_utc(booking.start), "via": "erasure"},
            )
            cancelled.append(booking)
            public_pages_changed(business_id=booking.business_id)
    context.count("bookings.booking (future, cancelled)", len(cancelled))
    return cancelled


def bookings_erase(context: ErasureContext) -> None:
    user = context.user
    # Before the cancellations below queue the salons' notices, which must go out. The messages
    # addressed to the person themself went with the outbox's handler, which runs first.
    context.count(
        "notifications.outboundmessage",
        messages_delete(OutboundMessage.objects.filter(booking__customer=user)),
    )
    context.count(
        "bookings.bookingreminder",
        BookingReminder.objects.filter(booking__customer=user).delete()[0],
    )
    context.count(
        "bookings.notificationpreference",
        NotificationPreference.objects.filter(user=user).delete()[0],
    )
    cancelled = booking_cancel_for_erasure(context=context)
    context.count("bookings.customernote", CustomerNote.objects.filter(customer=user).delete()[0])
    context.count(
        "bookings.bookingevent (notes)",
        BookingEvent.objects.filter(booking__customer=user, code=BookingEventCode.NOTE).delete()[0],
    )
    BookingEvent.objects.filter(actor=user).update(actor=None)
    context.count(
        "bookings.staffcalendarfeed",
        StaffCalendarFeed.objects.filter(staff__user=user).delete()[0],
    )
    CustomerNote.objects.filter(author=user).update(author=None)
    SalonContact.objects.filter(created_by=user).update(created_by=None)
    context.count(
        "bookings.booking (pseudonymised)",
        Booking.objects.filter(customer=user).update(
            customer=None,
            idempotency_key="",
            customer_note="",
            pseudonymised_at=context.now,
            retain_until=F("start") + ACCOUNTING_RETENTION,
        ),
    )
    # Told after the link is cut: the notice is rendered from a booking without a person.
    for booking in cancelled:
        booking.customer = None
        _tell_salon_of_erasure(booking, context)
    # The same person entered by a salon as a walk-in or phone contact.
    match = Q()
    for email in context.emails:
        match |= Q(email__iexact=email)
    for phone in context.phones:
        match |= Q(phone=phone)
    if match:
        for contact in SalonContact.objects.filter(match, erased_at__isnull=True):
            contact_erase(contact=contact, now=context.now)
            context.count("bookings.saloncontact (pseudonymised)", 1)


# The search's availability summary describes salons' free times, never a customer.
register(
    "bookings.AvailabilitySummary",
    dict.fromkeys(
        [
            "id",
            "business",
            "service",
            "service_key",
            "day",
            "period",
            "first_start",
            "starts",
            "free_count",
        ],
        NO,
    ),
)
register(
    "bookings.AvailabilitySummaryState", dict.fromkeys(["business", "version", "computed_at"], NO)
)
# When a salon's booking starts, not who booked it; removed within a minute by the clock.
register("bookings.AvailabilitySummaryChange", dict.fromkeys(["id", "business", "start"], NO))

register_handlers("bookings", export=bookings_export, erase=bookings_erase, order=10)


def contacts_erase_by_address(*, emails: set[str], now: datetime) -> dict[str, int]:
    """A person without an account asked for erasure: erase the walk-in contacts salons
    entered with one of their addresses (same rules as with an account)."""
    query = Q()
    for email in emails:
        query |= Q(email__iexact=email)
    if not emails:
        return {}
    contacts = list(SalonContact.objects.filter(query, erased_at__isnull=True))
    for contact in contacts:
        contact_erase(contact=contact, now=now)
    return {"bookings.SalonContact": len(contacts)}


register_address_eraser("bookings", contacts_erase_by_address)


# --- Personalisation (`bookings.personalisation`): the salons a person looked at ---------------


def personalisation_export(*, user: Any) -> dict[str, list[dict[str, Any]]]:
    return {
        "recently_viewed_salons": [
            {"salon": v.business.name, "viewed_at": v.viewed_at.isoformat()}
            for v in RecentlyViewedSalon.objects.filter(user=user).select_related("business")
        ],
    }


def personalisation_erase(context: ErasureContext) -> None:
    context.count(
        "privacy.recentlyviewedsalon",
        RecentlyViewedSalon.objects.filter(user=context.user).delete()[0],
    )


# After the account's choices (consent, 52): the export keeps its sections' order.
register_handlers(
    "personalisation", export=personalisation_export, erase=personalisation_erase, order=53
)
withdrawal_handler_register(purpose=AccountPurpose.PERSONALISATION, handler=personalisation_forget)


# --- Retention -------------------------------------------------------------------------------


def select_unverified_signups(now: datetime) -> models.QuerySet[Any]:
    cutoff = now - timedelta(days=settings.RETENTION_UNVERIFIED_SIGNUP_DAYS)
    booked = Booking.objects.filter(customer=OuterRef("pk"))
    return (
        customers()
        .filter(date_joined__lte=cutoff)
        .exclude(verified())
        .exclude(models.Exists(booked))
        .order_by("pk")
    )


def apply_unverified_signups(selected: models.QuerySet[Any], now: datetime) -> int:
    # No confirmation e-mail: the address was never shown to be the person's.
    return erase_each(selected, now, notify=False)


def select_pseudonymised_bookings(now: datetime) -> models.QuerySet[Any]:
    return Booking.objects.filter(
        customer__isnull=True, pseudonymised_at__isnull=False, retain_until__lte=now
    )


def select_remembered_salons(now: datetime) -> models.QuerySet[Any]:
    cutoff = now - declared_period(RecentlyViewedSalon, "user")
    return RecentlyViewedSalon.objects.filter(viewed_at__lte=cutoff)


register_retention_rule(
    Rule(
        "unverified_signups_erased",
        "sign-ups older than RETENTION_UNVERIFIED_SIGNUP_DAYS whose e-mail was never verified "
        "and who never booked are erased, without an e-mail",
        select_unverified_signups,
        apply_unverified_signups,
        order=30,
    )
)
register_retention_rule(
    Rule(
        "pseudonymised_bookings_purged",
        "bookings kept without their customer for accounting are deleted once their "
        "retain_until (10 years) has passed",
        select_pseudonymised_bookings,
        order=40,
    )
)
register_retention_rule(
    Rule(
        "remembered_salons_purged",
        "salons remembered for personalisation longer than their declared period (90 days) "
        "are forgotten",
        select_remembered_salons,
        order=70,
    )
)


# --- The rights desk: what a request's address matches here ---------------------------------


def bookings_desk_matches(*, email: str, accounts: list[Any]) -> dict[str, int]:
    """Bookings of the accounts found, and the salons' walk-in contacts with the address."""
    contacts = SalonContact.objects.filter(email__iexact=email, erased_at__isnull=True)
    return {
        "account_bookings": Booking.objects.filter(customer__in=accounts).count(),
        "contacts": contacts.count(),
        "contact_bookings": Booking.objects.filter(contact__in=contacts).count(),
    }


register_desk_matcher("bookings", bookings_desk_matches)
