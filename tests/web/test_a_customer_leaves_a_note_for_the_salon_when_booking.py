"""A customer may leave the salon a note when booking: the salon reads it on the booking's
page, the customer on theirs; too long a note is refused with a clear message and books
nothing; the note is in the person's export and gone once their account is erased."""

from __future__ import annotations

from datetime import UTC
from urllib.parse import urlencode

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from creneau.bookings.models import Booking
from creneau.bookings.privacy import bookings_export
from creneau.catalog.models import StaffRole
from creneau.privacy.erasure import customer_erase
from tests.conftest import paris

pytestmark = pytest.mark.django_db

NOW = paris(2026, 12, 7, 8)
NOTE = "Je voudrais garder la frange.\nMerci !"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _post(client, salon, note: str):
    cut = salon.test_services["cut"]
    start = paris(2026, 12, 8, 10).astimezone(UTC).isoformat()
    review = reverse("booking:review", args=[salon.city_slug, salon.slug])
    page = client.get(review + "?" + urlencode({"service": cut.pk, "start": start}))
    assert 'name="note"' in page.content.decode() and 'maxlength="500"' in page.content.decode()
    return client.post(
        review, {"service": cut.pk, "start": start, "key": page.context["key"], "note": note}
    )


def test_the_salon_and_the_customer_read_the_note(client, salon, customer, make_user):
    client.force_login(customer)
    response = _post(client, salon, f"  {NOTE}  ")
    booking = Booking.objects.get()
    assert response.url == reverse("booking:detail", args=[booking.reference])
    assert booking.customer_note == NOTE
    assert "garder la frange.<br>Merci" in client.get(response.url).content.decode()

    owner = make_user("owner.note@example.org", phone="+33699999999")
    member = salon.test_staff[0]
    member.user, member.role = owner, StaffRole.OWNER
    member.save(update_fields=["user", "role"])
    client.force_login(owner)
    page = client.get(reverse("backoffice:booking", args=[salon.slug, booking.reference]))
    assert page.status_code == 200
    assert "garder la frange.<br>Merci" in page.content.decode()


def test_too_long_a_note_is_refused_clearly_and_books_nothing(client, salon, customer, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(customer)
    response = _post(client, salon, "x" * 501)
    assert response.status_code == 302
    assert not Booking.objects.exists()
    shown = client.get(response.url).content.decode()
    assert "A note for the salon holds at most 500 characters." in shown


def test_the_note_is_exported_and_erased_with_the_account(client, salon, customer):
    client.force_login(customer)
    _post(client, salon, NOTE)
    assert bookings_export(user=customer)["bookings"][0]["note_for_the_salon"] == NOTE
    customer_erase(user=customer, actor=customer, reason="account", now=timezone.now())
    booking = Booking.objects.get()
    assert booking.customer_id is None and booking.customer_note == ""
