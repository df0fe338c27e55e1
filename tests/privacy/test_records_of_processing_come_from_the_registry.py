"""Platform staff with the permission see the records of processing (art. 30), generated from
the registry; nobody else does."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from creneau.privacy.records import records_of_processing
from creneau.privacy.registry import registry

pytestmark = pytest.mark.django_db

URL = reverse("privacy:staff_records")


@pytest.fixture
def officer_client(make_user, settings):
    officer = make_user("dpo@creneau.example", is_staff=True)
    officer.user_permissions.add(Permission.objects.get(codename="view_records_of_processing"))
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(officer)
    return client


def test_every_declared_personal_field_appears_in_one_record():
    listed = [key for record in records_of_processing() for key in record.fields]

    declared = [entry.key for entry in registry.entries(personal_only=True)]
    assert sorted(listed) == sorted(declared)


def test_the_page_shows_purposes_bases_recipients_and_retention(officer_client):
    response = officer_client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Records of processing" in html
    assert "prove a consent" in html
    assert "legal obligation" in html
    assert "the salons the person books with" in html
    assert "25 months (13 months of cookie life + 12 months of proof)" in html
    assert "<code>accounts.user.email</code>" in html


def test_staff_without_the_permission_are_refused(make_user):
    client = Client()
    client.force_login(make_user("ops@creneau.example", is_staff=True))

    assert client.get(URL).status_code == 403


def test_a_customer_is_sent_to_the_staff_login(client, customer):
    client.force_login(customer)

    response = client.get(URL)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
