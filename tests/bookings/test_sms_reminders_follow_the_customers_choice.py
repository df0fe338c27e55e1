"""SMS reminders go through the SMS backend (a file per message here: no provider is
reachable) only for customers who asked for them; e-mail reminders can be turned off."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command

from creneau.bookings.models import NotificationPreference
from creneau.notifications.models import OutboundMessage
from tests.conftest import paris
from tests.notifications.helpers import NOW, book

pytestmark = pytest.mark.django_db(transaction=True)

START = paris(2026, 12, 10, 10)


@pytest.fixture
def sms_dir(settings, tmp_path):
    settings.SMS_BACKEND = "creneau.notifications.sms.FileSmsBackend"
    settings.SMS_FILE_PATH = str(tmp_path / "sms")
    return tmp_path / "sms"


def remind(salon, customer):
    with time_machine.travel(NOW, tick=False):
        book(salon, customer, START)
    with time_machine.travel(START - timedelta(hours=24), tick=False):
        call_command("clock", "--once")
    return OutboundMessage.objects.filter(template="booking_reminder")


def test_by_default_the_reminder_is_an_email_and_no_sms(salon, customer, sms_dir):
    sent = remind(salon, customer)
    assert [m.channel for m in sent] == ["email"]
    assert not sms_dir.exists()


def test_a_customer_who_asked_for_sms_gets_one_on_their_mobile(salon, customer, sms_dir):
    NotificationPreference.objects.create(user=customer, sms_reminders=True)

    sent = remind(salon, customer)

    sms = sent.get(channel="sms")
    assert sms.status == "sent"
    assert sms.to_address == "+33612345678"
    (written,) = sms_dir.iterdir()
    text = written.read_text()
    assert "To: +33612345678" in text
    assert "Salon Test" in text and "10:00" in text
    assert len(sms.body_text) <= 160 * 2  # two SMS at most


def test_a_customer_can_have_sms_instead_of_email(salon, customer, sms_dir):
    NotificationPreference.objects.create(user=customer, sms_reminders=True, email_reminders=False)

    sent = remind(salon, customer)
    assert [m.channel for m in sent] == ["sms"]
