"""A person without an account asks for erasure on the public form, confirms by e-mail, the desk
fulfils it in one click: the person is told, and nothing of their address remains in the outbox
(the request itself is kept, as the registry declares, as proof of the answer). With an account,
the desk erases it with `customer_erase` and its receipt."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from creneau.accounts.models import User
from creneau.notifications.models import OutboundMessage
from creneau.privacy.models import ErasureReceipt
from creneau.rights.models import RightsRequest
from creneau.rights.rights_requests import rights_request_register

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 5, 12, 8, 0, tzinfo=UTC)
ADDRESS = "lea.bernard@example.org"


@pytest.fixture
def officer(make_user):
    officer = make_user("dpo@creneau.example", is_staff=True)
    officer.user_permissions.add(Permission.objects.get(codename="handle_rightsrequest"))
    return officer


def client_for(user, settings) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def test_a_person_without_an_account_is_answered_and_forgotten_by_the_outbox(
    officer, settings, mailoutbox, django_capture_on_commit_callbacks
):
    visitor = client_for(None, settings)
    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        visitor.post(
            reverse("privacy:rights_form"),
            {
                "first_name": "Léa",
                "last_name": "Bernard",
                "email": ADDRESS,
                "right": "erasure",
                "statement": "Please delete everything about me.",
            },
        )
    link = re.search(r"http\S+/privacy/rights/confirm/\S+/", mailoutbox[0].body).group(0)
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        visitor.post("/" + link.split("://", 1)[1].split("/", 1)[1])
    request = RightsRequest.objects.get()
    assert request.status == RightsRequest.Status.RECEIVED

    desk = client_for(officer, settings)
    url = reverse("privacy:desk_request", args=[request.reference])
    with time_machine.travel(NOW + timedelta(days=2), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            response = desk.post(url, {"action": "fulfil"})
        page = desk.get(url).content.decode()

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RightsRequest.Status.FULFILLED
    assert request.closed_at == NOW + timedelta(days=2)
    assert "Fulfilled" in page
    answer = mailoutbox[-1]
    assert answer.to == [ADDRESS]
    assert request.reference in answer.subject
    # The outbox forgot the address and the bodies once each message was sent.
    for message in OutboundMessage.objects.all():
        assert ADDRESS not in message.to_address
        assert ADDRESS not in message.body_text + message.body_html + message.subject
    # Only the request keeps the address (registry: proof of the answer, 3 years after closing).
    assert RightsRequest.objects.filter(email=ADDRESS).count() == 1


def test_an_account_holder_is_erased_with_a_receipt_and_told(
    officer, customer, settings, mailoutbox, django_capture_on_commit_callbacks
):
    request = rights_request_register(
        actor=officer,
        first_name="Camille",
        last_name="Dupont",
        email=customer.email.upper(),
        right="erasure",
        statement="",
        now=NOW,
    )
    desk = client_for(officer, settings)
    url = reverse("privacy:desk_request", args=[request.reference])
    with (
        time_machine.travel(NOW + timedelta(days=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        desk.post(url, {"action": "fulfil"})

    assert not User.objects.filter(pk=customer.pk).exists()
    receipt = ErasureReceipt.objects.get()
    assert receipt.reason == ErasureReceipt.Reason.REQUEST
    assert receipt.actor == officer
    request.refresh_from_db()
    assert request.status == RightsRequest.Status.FULFILLED
    assert receipt.reference in request.outcome
    assert [m.to for m in mailoutbox] == [[customer.email]]
    assert receipt.reference in mailoutbox[0].body


def test_fulfilling_twice_closes_once(officer, settings, django_capture_on_commit_callbacks):
    request = rights_request_register(
        actor=officer,
        first_name="A",
        last_name="B",
        email=ADDRESS,
        right="objection",
        statement="",
        now=NOW,
    )
    desk = client_for(officer, settings)
    url = reverse("privacy:desk_request", args=[request.reference])
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(url, {"action": "fulfil"})
        second = desk.post(url, {"action": "fulfil"}, follow=True)

    assert "already closed" in second.content.decode()
    assert request.notes.filter(text__startswith="Fulfilled").count() == 1
    assert OutboundMessage.objects.filter(template="rights_request_fulfilled").count() == 1
