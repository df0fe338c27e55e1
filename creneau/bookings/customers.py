"""The salon's customers, as its team sees them: accounts that booked there and the contacts
it entered. Plain staff see only the customers of their own bookings."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Count, Max, Q

from creneau.accounts.models import User
from creneau.bookings.models import SalonContact
from creneau.catalog.models import Business
from creneau.catalog.permissions import membership_required
from creneau.privacy.restriction import restricted_emails, restricted_user_ids


@dataclass(frozen=True)
class CustomerRow:
    kind: str  # "account" or "contact"
    pk: int
    name: str
    email: str
    phone: str
    bookings: int
    last_start: datetime | None
    # Processing restricted at the person's request (GDPR art. 18); never why.
    restricted: bool = False

    @property
    def sort_key(self) -> tuple[str, str, int]:
        return (self.name.casefold(), self.kind, self.pk)


def _phone_variants(query: str) -> list[str]:
    """A phone number typed the French way (06 12 ...) also matches its E.164 form."""
    digits = re.sub(r"[\s.\-()]", "", query)
    if not re.fullmatch(r"\+?\d{3,}", digits):
        return []
    variants = [digits]
    if digits.startswith("0"):
        variants.append("+33" + digits[1:])
    return variants


def _search(query: str, *, name_fields: tuple[str, ...], email: str, phone: str) -> Q:
    condition = Q()
    for word in query.split():
        match = Q(**{f"{email}__icontains": word})
        for name in name_fields:
            match |= Q(**{f"{name}__icontains": word})
        condition &= match
    for variant in _phone_variants(query):
        condition |= Q(**{f"{phone}__contains": variant})
    return condition


def salon_customers(*, actor: User, business: Business, query: str = "") -> list[CustomerRow]:
    """The salon's customers matching `query` (words of the name or e-mail, or a phone number),
    by name: four queries (the last two say who is restricted). Owners and managers see all of
    them, plain staff those of their own bookings. Erased contacts are no one's customers any
    more."""
    membership = membership_required(actor=actor, business=business)
    query = query.strip()[:100]
    booked_here = Q(bookings__business=business)
    if not membership.is_manager:
        booked_here &= Q(bookings__staff_id=membership.staff_id)

    accounts = User.objects.filter(booked_here)
    if query:
        accounts = accounts.filter(
            _search(query, name_fields=("first_name", "last_name"), email="email", phone="phone")
        )
    rows = [
        CustomerRow(
            "account", pk, f"{first} {last}".strip(), email, str(phone or ""), n, last_start
        )
        for pk, first, last, email, phone, n, last_start in accounts.annotate(
            n=Count("bookings", filter=booked_here),
            last_start=Max("bookings__start", filter=booked_here),
        )
        .order_by()
        .values_list("pk", "first_name", "last_name", "email", "phone", "n", "last_start")
    ]

    contacts = SalonContact.objects.filter(business=business, erased_at__isnull=True)
    contact_bookings = Q()
    if not membership.is_manager:
        contact_bookings = Q(bookings__staff_id=membership.staff_id)
        contacts = contacts.filter(contact_bookings)
    if query:
        contacts = contacts.filter(
            _search(query, name_fields=("name",), email="email", phone="phone")
        )
    rows += [
        CustomerRow("contact", pk, name, email, str(phone or ""), n, last_start)
        for pk, name, email, phone, n, last_start in contacts.annotate(
            n=Count("bookings", filter=contact_bookings, distinct=True),
            last_start=Max("bookings__start", filter=contact_bookings),
        )
        .order_by()
        .values_list("pk", "name", "email", "phone", "n", "last_start")
    ]
    restricted_accounts = restricted_user_ids(row.pk for row in rows if row.kind == "account")
    restricted_addresses = restricted_emails(row.email for row in rows if row.kind == "contact")
    rows = [
        replace(row, restricted=True)
        if (row.kind == "account" and row.pk in restricted_accounts)
        or (row.kind == "contact" and row.email in restricted_addresses)
        else row
        for row in rows
    ]
    return sorted(rows, key=lambda row: row.sort_key)
