"""After erasure nothing of the person remains: not in any table, file, log, or raw DB bytes."""

from __future__ import annotations

import html
import json
import logging
import urllib.parse
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from allauth.usersessions.models import UserSession
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from creneau.accounts.models import User
from creneau.bookings.models import (
    Booking,
    BookingReminder,
    BookingService,
    CustomerNote,
    NotificationPreference,
    SalonContact,
)
from creneau.bookings.services import booking_create
from creneau.catalog.models import Business, Service, StaffMember, StaffRole, WorkingHours
from creneau.consent.interface import consent_interface
from creneau.consent.models import ConsentRecord
from creneau.consent.services import consent_record
from creneau.notifications.models import OutboundMessage
from creneau.privacy.audit import audit_record
from creneau.privacy.erasure import customer_erase
from creneau.privacy.export import export_file_write, export_request
from creneau.privacy.models import AuditEntry, ErasureReceipt

EMAIL = "zoe-anais.obrien@exemple.fr"
FIRST = "Zoë-Anaïs"
LAST = "O'Brien-Ñúñez 李"
PHONES = ["+33612345678", "06 12 34 56 78", "0612345678", "+33 6 12 34 56 78"]


def forms_of(value: str) -> set[str]:
    forms = {value, value.lower(), json.dumps(value)[1:-1], json.dumps(value.lower())[1:-1]}
    forms |= {urllib.parse.quote(value), urllib.parse.quote_plus(value), html.escape(value)}
    forms |= {urllib.parse.quote(value.lower()), urllib.parse.quote_plus(value.lower())}
    return forms


NEEDLES = sorted(
    set().union(*(forms_of(v) for v in [EMAIL, FIRST, LAST, "Ñúñez", *PHONES])), key=len
)


def second_salon(owner: User) -> Business:
    business = Business.objects.create(
        name="Barbier Deux",
        slug="barbier-deux",
        category="barber",
        address="2 rue du Port",
        postcode="13002",
        city="Marseille",
        city_slug="marseille",
        timezone="Europe/Paris",
    )
    member = StaffMember.objects.create(
        business=business, display_name="Dan", user=owner, role=StaffRole.OWNER
    )
    for day in range(6):
        WorkingHours.objects.create(
            staff=member,
            weekday=day,
            start=datetime(2000, 1, 1, 9).time(),
            end=datetime(2000, 1, 1, 18).time(),
        )
    service = Service.objects.create(
        business=business, name="Taille", duration_minutes=30, price="20.00"
    )
    service.staff.set([member])
    business.test_service = service
    return business


def next_open_day(days: int) -> datetime:
    day = timezone.now().astimezone(ZoneInfo("Europe/Paris")).date() + timedelta(days=days)
    while day.weekday() == 6:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Europe/Paris"))


def past_booking(business: Business, staff: StaffMember, customer: User, days_ago: int) -> None:
    start = timezone.now() - timedelta(days=days_ago)
    booking = Booking.objects.create(
        business=business,
        customer=customer,
        staff=staff,
        start=start,
        end=start + timedelta(minutes=30),
        blocked_until=start + timedelta(minutes=30),
        status=Booking.Status.COMPLETED,
        total_price=Decimal("35.00"),
    )
    BookingService.objects.create(
        booking=booking, position=0, name="Coupe", duration_minutes=30, price=Decimal("35.00")
    )


def dump_database() -> str:
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                parts.append(f"{table}: " + " | ".join(str(value) for value in row))
    return "\n".join(parts)


def found_in(text: str) -> list[str]:
    return [needle for needle in NEEDLES if needle in text]


@pytest.fixture
def person(make_user, salon, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    owner = make_user(
        "owner.one@example.org", first_name="Olivia", last_name="Owner", phone="+33611111111"
    )
    salon.test_staff[0].user = owner
    salon.test_staff[0].role = StaffRole.OWNER
    salon.test_staff[0].save()
    owner_two = make_user(
        "owner.two@example.org", first_name="Oscar", last_name="Owner", phone="+33622222222"
    )
    marseille = second_salon(owner_two)
    person = make_user(EMAIL, first_name=FIRST, last_name=LAST, phone=PHONES[0])
    # Bookings to come at both salons (confirmations and salon notices queued), and past ones.
    booking_create(
        customer=person,
        business=salon,
        services=[salon.test_services["cut"]],
        start=next_open_day(5),
    )
    future = booking_create(
        customer=person,
        business=marseille,
        services=[marseille.test_service],
        start=next_open_day(6),
    )
    for days_ago in (10, 40, 400):
        past_booking(salon, salon.test_staff[1], person, days_ago)
    past_booking(marseille, marseille.staff.first(), person, 20)
    BookingReminder.objects.create(booking=future, start=future.start, queued_at=timezone.now())
    NotificationPreference.objects.create(user=person, sms_reminders=True)
    CustomerNote.objects.create(
        business=salon,
        customer=person,
        author=owner,
        text=f"{FIRST} likes it short",
        created_at=timezone.now(),
    )
    audit_record(
        actor=owner,
        action="customer.file_viewed",
        subject_user=person,
        business=salon,
        reason=f"{FIRST} {LAST} called",
    )
    consent_record(
        granted=["marketing", "personalisation"],
        source="account",
        interface=consent_interface("fr"),
        now=timezone.now(),
        user=person,
    )
    # The same person entered by the Marseille salon as a walk-in, under another spelling.
    SalonContact.objects.create(
        business=marseille,
        name=f"{FIRST} {LAST}",
        phone=PHONES[0],
        email=EMAIL.upper(),
        created_at=timezone.now(),
    )
    # A logged-in browser, listed in allauth's sessions.
    client = Client()
    client.force_login(person)
    UserSession.objects.create(
        user=person,
        ip="203.0.113.7",
        session_key=client.session.session_key,
        user_agent=f"Mozilla/5.0 ({FIRST})",
        last_seen_at=timezone.now(),
        created_at=timezone.now(),
    )
    export_file_write(export=export_request(user=person))
    return person


@pytest.mark.django_db(transaction=True)
def test_nothing_of_the_person_remains_after_erasure(person, other_customer, caplog, settings):
    caplog.set_level(logging.DEBUG)
    assert found_in(dump_database()), "the set-up must hold the person's data"
    assert any(Path(settings.MEDIA_ROOT).rglob("*.zip"))

    receipt = customer_erase(user=person, actor=person, reason="account")

    leftovers = found_in(dump_database())
    assert leftovers == [], leftovers
    for path in [*Path(settings.MEDIA_ROOT).rglob("*"), *Path(settings.EMAIL_FILE_PATH).rglob("*")]:
        if path.is_file():
            assert found_in(path.read_text(errors="replace")) == [], path
    assert found_in(caplog.text) == []
    # The confirmation reached the person, with the receipt's reference.
    confirmation = mail.outbox[-1]
    assert confirmation.to == [EMAIL] and receipt.reference in confirmation.body
    # What the law keeps stays, without the person.
    kept = Booking.objects.filter(pseudonymised_at__isnull=False)
    assert kept.count() == 6 and not kept.filter(customer__isnull=False).exists()
    assert all(b.retain_until > b.start for b in kept)
    assert ConsentRecord.objects.filter(user__isnull=True).count() == 1
    assert (
        AuditEntry.objects.filter(action="customer.file_viewed", redacted_at__isnull=False).count()
        == 1
    )
    assert ErasureReceipt.objects.get().counts["accounts.user"] == 1
    # The salons were told of the cancelled bookings, without a name.
    notices = OutboundMessage.objects.filter(template="salon_booking_cancelled_erasure")
    assert notices.count() == 2
    # Someone else's data is untouched.
    assert User.objects.filter(pk=other_customer.pk).exists()


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_the_database_files_hold_none_of_the_person_in_raw_bytes(person, other_customer):
    customer_erase(user=person, actor=person, reason="account")
    connection.close()  # the last connection's close also checkpoints the WAL
    database = Path(connection.settings_dict["NAME"])
    raw = b"".join(
        path.read_bytes() for path in (database, Path(f"{database}-wal")) if path.exists()
    )
    needles = {n.encode() for n in NEEDLES} | {n.encode("utf-16-le") for n in (EMAIL, FIRST)}
    assert [n for n in needles if n in raw] == []


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_no_row_of_any_table_holds_the_person_once_read_back_as_text(person, other_customer):
    # PostgreSQL keeps dead row versions until VACUUM (README "Privacy" says what remains), and
    # its files are the server's, out of this test's reach: what can be read is every live row,
    # from a new connection, rendered as text by the database itself (JSON, arrays, all types).
    assert found_in(rows_as_text()), "the set-up must hold the person's data"
    customer_erase(user=person, actor=person, reason="account")
    connection.close()
    assert found_in(rows_as_text()) == []


def rows_as_text() -> str:
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT t::text FROM {quoted} AS t")  # noqa: S608
            parts.extend(f"{table}: {row[0]}" for row in cursor.fetchall())
    return "\n".join(parts)
