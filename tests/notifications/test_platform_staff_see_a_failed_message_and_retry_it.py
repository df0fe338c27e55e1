"""Failed messages are listed in the admin with their error, for platform staff only, and
"Retry now" sends them again."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from creneau.notifications.models import Channel, OutboundMessage
from creneau.notifications.outbox import message_store

pytestmark = pytest.mark.django_db(transaction=True)

CHANGELIST = reverse("admin:notifications_outboundmessage_changelist")


@pytest.fixture
def failed_message(settings, smtp_server) -> OutboundMessage:
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 1  # the server is down: the one try fails
    message = message_store(
        channel=Channel.EMAIL,
        template="booking_confirmed",
        language="fr",
        to_address="camille.dupont@example.org",
        subject="Votre réservation",
        body_text="Bonjour\n",
        now=timezone.now(),
    )
    message.refresh_from_db()
    assert message.status == "failed"
    return message


@pytest.fixture
def platform_admin(make_user):
    return make_user("admin@creneau.example", is_staff=True, is_superuser=True)


def test_platform_staff_see_the_failed_message_with_its_error(
    client, platform_admin, failed_message
):
    client.force_login(platform_admin)
    response = client.get(CHANGELIST, {"status__exact": "failed"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "booking_confirmed" in page
    assert "ConnectionRefusedError: Connection refused" in page


def test_retry_now_sends_the_failed_message(client, platform_admin, failed_message, smtp_server):
    smtp_server.start()
    client.force_login(platform_admin)
    response = client.post(
        CHANGELIST, {"action": "retry_now", "_selected_action": [failed_message.pk]}
    )
    assert response.status_code == 302

    failed_message.refresh_from_db()
    assert failed_message.status == "sent"
    assert smtp_server.recorder.message_ids() == {failed_message.message_id: 1}


def test_a_customer_cannot_open_the_outbox(client, customer, failed_message):
    client.force_login(customer)
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_staff_allowed_to_view_but_not_change_cannot_retry(
    client, make_user, failed_message, smtp_server
):
    viewer = make_user("support@creneau.example", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(
            codename="view_outboundmessage", content_type__app_label="notifications"
        )
    )
    client.force_login(viewer)
    assert client.get(CHANGELIST).status_code == 200
    client.post(CHANGELIST, {"action": "retry_now", "_selected_action": [failed_message.pk]})
    failed_message.refresh_from_db()
    assert failed_message.status == "failed"
