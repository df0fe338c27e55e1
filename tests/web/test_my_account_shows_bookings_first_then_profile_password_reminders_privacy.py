""" "Mon compte" is a hub: the person's bookings first (past ones with "Book again" on the same
service and staff member), then their details, password, reminders and privacy. The header's
"My account" leads there."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from creneau.bookings.models import NotificationPreference
from creneau.bookings.services import booking_create
from tests.conftest import paris

pytestmark = pytest.mark.django_db


def french(customer) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.force_login(customer)
    return client


def test_the_header_my_account_link_leads_to_the_hub(customer):
    page = french(customer).get(reverse("web:home")).content.decode()
    header = page.split("</header>", 1)[0]
    assert f'href="{reverse("account_hub:hub")}">Mon compte<' in header
    assert 'href="/accounts/email/">Mon compte' not in header


def test_the_hub_shows_bookings_before_the_profile_and_links_password_and_privacy(customer, salon):
    start = paris(2027, 3, 1, 10)
    with time_machine.travel(paris(2027, 2, 1, 9), tick=False):
        booking_create(
            customer=customer,
            business=salon,
            services=[salon.test_services["cut"]],
            start=start,
            staff=salon.test_staff[1],
        )
    with time_machine.travel(paris(2027, 2, 20, 9), tick=False):
        html = french(customer).get(reverse("account_hub:hub")).content.decode()

    assert html.index('id="upcoming-title"') < html.index('id="profile-title"')
    assert "Salon Test" in html
    # French writes the first of the month "1er".
    assert "lundi 1er mars 2027, 10:00" in html
    assert f'href="{reverse("account_change_password")}"' in html
    assert f'href="{reverse("account_email")}"' in html
    for name in ("privacy:my_data", "privacy:account_preferences", "privacy:delete_account"):
        assert f'href="{reverse(name)}"' in html
    # The phone in the national format, never "+33612345678".
    assert 'value="06 12 34 56 78"' in html
    assert "+33612345678" not in html


def test_a_past_booking_offers_book_again_with_the_same_service_and_staff(customer, salon):
    cut = salon.test_services["cut"]
    bruno = salon.test_staff[1]
    with time_machine.travel(paris(2027, 2, 1, 9), tick=False):
        booking_create(
            customer=customer,
            business=salon,
            services=[cut],
            start=paris(2027, 2, 3, 10),
            staff=bruno,
        )
    with time_machine.travel(paris(2027, 2, 20, 9), tick=False):
        response = french(customer).get(reverse("account_hub:hub"))

    (again,) = [url for booking, url in response.context["past"]]
    assert urlsplit(again).path == reverse("booking:slots", args=["paris", "salon-test"])
    assert parse_qs(urlsplit(again).query) == {"service": [str(cut.pk)], "staff": [str(bruno.pk)]}
    assert "Réserver à nouveau" in response.content.decode()


def test_reminder_channels_are_saved(customer):
    client = french(customer)
    response = client.post(reverse("account_hub:reminders"), {"sms_reminders": "on"})

    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=customer)
    assert (preference.email_reminders, preference.sms_reminders) == (False, True)
    html = client.get(reverse("account_hub:hub")).content.decode()
    assert 'name="sms_reminders" id="id_sms_reminders" checked' in html


def test_the_hub_needs_a_login(client):
    response = client.get(reverse("account_hub:hub"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_my_data_no_longer_edits_the_profile_but_links_to_the_hub(customer):
    client = french(customer)
    html = client.get(reverse("privacy:my_data")).content.decode()
    assert 'name="first_name"' not in html
    assert reverse("account_hub:hub") in html
    assert client.post(reverse("privacy:my_data"), {"first_name": "X"}).status_code == 405


def test_a_profile_phone_error_is_shown_once(customer):
    response = french(customer).post(
        reverse("account_hub:profile"),
        {"first_name": "Camille", "last_name": "Dupont", "phone": "12", "language": "fr"},
    )
    html = response.content.decode()
    assert html.count("Saisissez un numéro de téléphone mobile valide.") == 1
