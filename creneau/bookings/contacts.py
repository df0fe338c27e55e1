"""Walk-in and phone contacts a salon enters: their personal data, messages, export, erasure.

A contact is personal data like an account: its fields are declared in the privacy registry
(`creneau/bookings/privacy.py`), whose erasure of a person also erases, with `contact_erase`,
the contacts that share their e-mail address or phone. Article 14 GDPR: the data was not
collected from the person by us, so when we hold an e-mail address the first message we send
tells who holds the data and how to exercise the rights (`privacy_notice_sent_at` proves when).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse

from creneau.bookings.history import iso_utc
from creneau.bookings.messages import booking_context
from creneau.bookings.models import (
    ActorKind,
    Booking,
    BookingEvent,
    BookingEventCode,
    BookingStatus,
    CustomerNote,
    SalonContact,
)
from creneau.catalog.freshness import public_pages_changed
from creneau.notifications.models import OutboundMessage
from creneau.notifications.outbox import message_enqueue

Event = Literal["created", "rescheduled", "cancelled"]


def contact_notify(*, booking: Booking, event: Event, now: datetime) -> OutboundMessage | None:
    """Queue the message about a booking change to the booking's contact, if it has one with an
    e-mail address; the first message ever sent to the contact carries the article 14 notice.

    Call it inside the transaction of the change (as the account holder's messages are): the
    message exists if and only if the change does. Nothing for bookings of accounts.
    """
    if booking.contact_id is None:
        return None
    contact = booking.contact
    if contact is None or contact.is_erased or not contact.email:
        return None
    # Compare-and-set: of two changes committed together, only one carries the notice.
    first = bool(
        SalonContact.objects.filter(pk=contact.pk, privacy_notice_sent_at__isnull=True).update(
            privacy_notice_sent_at=now
        )
    )
    context: dict[str, Any] = {
        **booking_context(booking, now=now),
        "event": event,
        "recipient_name": contact.name,
        "privacy_notice": first,
        "privacy_policy_path": reverse("privacy:privacy_policy"),
        "contact_data": {
            "name": contact.name,
            "phone": contact.phone.as_international if contact.phone else "",
            "email": contact.email,
        },
    }
    return message_enqueue(
        template="contact_booking",
        to_address=contact.email,
        language=settings.LANGUAGE_CODE,
        context=context,
        time_zone=booking.business.timezone,
        about=booking,
        now=now,
    )


def contacts_of_emails(*, emails: Iterable[str]) -> QuerySet[SalonContact]:
    """The contacts, at any salon, entered with one of these e-mail addresses (not erased)."""
    match = Q()
    for email in emails:
        match |= Q(email__iexact=email)
    if not match:
        return SalonContact.objects.none()
    return SalonContact.objects.filter(match, erased_at__isnull=True)


def contact_export(*, contacts: Iterable[SalonContact]) -> dict[str, list[dict[str, Any]]]:
    """Everything held about these contacts, as the registry's export sections (flat rows, one
    CSV each): the contacts, their bookings, the salons' notes about them.

    The account export adds the contacts entered with the account's verified e-mail addresses
    (`bookings/privacy.py`); a phone number alone is not proof enough to hand over someone's
    data, though it is enough to erase it.
    """
    contacts = list(contacts)
    ids = [contact.pk for contact in contacts]
    bookings = (
        Booking.objects.filter(contact_id__in=ids)
        .select_related("business", "staff")
        .prefetch_related("lines")
        .order_by("start")
    )
    notes = CustomerNote.objects.filter(contact_id__in=ids).select_related("business")
    return {
        "salon_contacts": [
            {
                "salon": contact.business.name,
                "name": contact.name,
                "phone": str(contact.phone) if contact.phone else "",
                "email": contact.email,
                "entered_by_the_salon_at": contact.created_at.isoformat(),
                "privacy_notice_sent_at": contact.privacy_notice_sent_at.isoformat()
                if contact.privacy_notice_sent_at
                else "",
            }
            for contact in SalonContact.objects.filter(pk__in=ids).select_related("business")
        ],
        "salon_contact_bookings": [
            {
                "reference": booking.reference,
                "salon": booking.business.name,
                "staff": booking.staff.display_name,
                "start": booking.start.isoformat(),
                "end": booking.end.isoformat(),
                "status": booking.status,
                "services": ", ".join(line.name for line in booking.lines.all()),
                "total_price": str(booking.total_price),
            }
            for booking in bookings
        ],
        "salon_contact_notes": [
            {
                "salon": note.business.name,
                "written_at": note.created_at.isoformat(),
                "text": note.text,
            }
            for note in notes.order_by("created_at", "pk")
        ],
    }


def contact_erase(*, contact: SalonContact, now: datetime) -> SalonContact:
    """Erase a contact: future bookings cancelled, notes and queued messages deleted, sent
    messages redacted, identity blanked. The row and past bookings stay (accounting), pointing
    at no one; audit entries keep their link to the blank row. Erasing twice changes nothing.
    """
    with transaction.atomic():
        # Locked, so the history below names exactly the bookings this erasure cancelled.
        future = list(
            Booking.objects.select_for_update().filter(
                contact=contact, status=BookingStatus.CONFIRMED, start__gt=now
            )
        )
        Booking.objects.filter(
            pk__in=[booking.pk for booking in future], status=BookingStatus.CONFIRMED
        ).update(status=BookingStatus.CANCELLED_BY_CUSTOMER, cancelled_at=now, updated_at=now)
        BookingEvent.objects.bulk_create(
            BookingEvent(
                booking=booking,
                code=BookingEventCode.CANCELLED,
                actor_kind=ActorKind.SYSTEM,
                at=now,
                data={"from": iso_utc(booking.start), "via": "erasure"},
            )
            for booking in future
        )
        public_pages_changed(business_id=contact.business_id)
        CustomerNote.objects.filter(contact=contact).delete()
        BookingEvent.objects.filter(booking__contact=contact, code=BookingEventCode.NOTE).delete()
        messages = OutboundMessage.objects.filter(booking__contact=contact)
        messages.filter(sent_at__isnull=True).delete()
        messages.update(to_address="", subject="", body_text="", body_html="", attachments=[])
        SalonContact.objects.filter(pk=contact.pk).update(
            name="", phone="", email="", created_by=None, erased_at=now
        )
    contact.refresh_from_db()
    return contact
