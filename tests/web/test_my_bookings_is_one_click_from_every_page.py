"""Once logged in, "My bookings" is in the header of every public page; a visitor does not see
it, and the back office keeps its own, shorter menu."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name", ["web:home", "web:search", "privacy:privacy_policy", "booking:list"]
)
def test_a_logged_in_customer_finds_my_bookings_in_the_header(customer, url_name):
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.force_login(customer)
    page = client.get(reverse(url_name)).content.decode()
    header = page.split("</header>", 1)[0]
    assert f'href="{reverse("booking:list")}"' in header
    assert "Mes rendez-vous" in header


def test_a_visitor_sees_log_in_instead(client):
    header = client.get(reverse("web:home")).content.decode().split("</header>", 1)[0]
    assert f'href="{reverse("booking:list")}"' not in header
    assert f'href="{reverse("account_login")}"' in header
