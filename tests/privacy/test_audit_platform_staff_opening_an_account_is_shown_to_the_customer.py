"""Platform staff opening a customer's account in the admin is recorded, and the customer sees
it on their "My data" page: who (platform staff, never the staff member's name), what, when."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from creneau.privacy.audit import audit_record
from creneau.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(make_user):
    admin_user = make_user(
        "root@creneau.example", first_name="Ada", last_name="Admin", is_staff=True
    )
    admin_user.is_superuser = True
    admin_user.save(update_fields=["is_superuser"])
    client = Client()
    client.force_login(admin_user)
    return client, admin_user


def english(client: Client, settings) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_opening_a_customer_in_the_admin_writes_an_audit_entry(admin_client, customer):
    client, admin_user = admin_client

    response = client.get(reverse("admin:accounts_user_change", args=[customer.pk]))

    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert entry.action == "customer.admin_viewed"
    assert entry.actor == admin_user
    assert entry.subject_user == customer
    assert entry.actor_label == "platform staff"


def test_the_list_and_their_own_account_are_not_recorded(admin_client):
    client, admin_user = admin_client

    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:accounts_user_change", args=[admin_user.pk])).status_code == 200
    )

    assert not AuditEntry.objects.exists()


def test_the_customer_sees_who_accessed_their_data(admin_client, customer, salon, settings):
    client, _admin = admin_client
    client.get(reverse("admin:accounts_user_change", args=[customer.pk]))
    audit_record(actor=None, action="customer.file_viewed", subject_user=customer, business=salon)
    own = english(Client(), settings)
    own.force_login(customer)

    html = own.get(reverse("privacy:my_data")).content.decode()

    assert "Who accessed my data" in html
    assert "platform staff" in html
    assert "opened your account in the platform administration" in html
    assert "Salon Test" in html
    assert "opened your customer file" in html
    assert "Ada" not in html


def test_a_customer_nobody_looked_at_is_told_so(client, customer, settings):
    english(client, settings).force_login(customer)

    html = client.get(reverse("privacy:my_data")).content.decode()

    assert "Nobody has accessed your data yet." in html
