"""The rights-requests desk is for platform staff with the "privacy officer" permission only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from creneau.rights.rights_requests import rights_request_register

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 12, 8, 0, tzinfo=UTC)


@pytest.fixture
def rights_request(make_user):
    return rights_request_register(
        actor=None,
        first_name="Paul",
        last_name="Durand",
        email="paul.durand@example.org",
        right="access",
        statement="",
        now=NOW,
    )


def pages(rights_request) -> list[str]:
    return [
        reverse("privacy:desk_requests"),
        reverse("privacy:desk_request", args=[rights_request.reference]),
    ]


def test_anonymous_visitors_are_sent_to_the_login(rights_request):
    for url in pages(rights_request):
        response = Client().get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_a_customer_is_refused(rights_request, customer):
    client = Client()
    client.force_login(customer)
    for url in pages(rights_request):
        assert client.get(url).status_code in {302, 403}
        assert client.post(url, {"action": "fulfil"}).status_code in {302, 403}
    assert rights_request.__class__.objects.get().status == "received"


def test_staff_without_the_permission_are_refused(rights_request, make_user):
    staff = make_user("support@creneau.example", is_staff=True)
    client = Client()
    client.force_login(staff)
    for url in pages(rights_request):
        assert client.get(url).status_code == 403
    assert client.post(pages(rights_request)[1], {"action": "fulfil"}).status_code == 403
    assert rights_request.__class__.objects.get().status == "received"


def test_a_privacy_officer_sees_the_desk(rights_request, make_user, settings):
    officer = make_user("dpo@creneau.example", is_staff=True)
    officer.user_permissions.add(Permission.objects.get(codename="handle_rightsrequest"))
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(officer)
    listing, page = (client.get(url) for url in pages(rights_request))
    assert listing.status_code == 200
    assert rights_request.reference in listing.content.decode()
    assert page.status_code == 200
    assert "paul.durand@example.org" in page.content.decode()
