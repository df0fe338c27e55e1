"""A new mobile number is verified: a six-digit code goes to it by SMS and the account's number
changes only when that code is typed back, within 15 minutes, in at most five tries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from creneau.accounts.models import PhoneChange
from creneau.accounts.phone_change import (
    MAX_ATTEMPTS,
    PhoneCodeRefused,
    phone_change_confirm,
    phone_change_request,
)
from creneau.notifications.models import OutboundMessage

pytestmark = pytest.mark.django_db

NEW = "+33611223344"


def sent_code() -> str:
    sms = OutboundMessage.objects.filter(channel="sms").latest("pk")
    assert sms.to_address == NEW
    return re.search(r"\b(\d{6})\b", sms.body_text).group(1)


def test_the_right_code_changes_the_number(customer):
    now = timezone.now()
    phone_change_request(user=customer, phone=NEW, now=now)
    customer.refresh_from_db()
    assert str(customer.phone) == "+33612345678"

    phone_change_confirm(user=customer, code=sent_code(), now=now + timedelta(minutes=5))

    customer.refresh_from_db()
    assert str(customer.phone) == NEW
    assert not PhoneChange.objects.exists()


def test_the_code_is_not_stored_in_clear(customer):
    phone_change_request(user=customer, phone=NEW, now=timezone.now())
    assert sent_code() not in PhoneChange.objects.get().code_digest


def test_a_wrong_code_is_refused_and_counted(customer):
    now = timezone.now()
    phone_change_request(user=customer, phone=NEW, now=now)
    wrong = "000000" if sent_code() != "000000" else "111111"

    with pytest.raises(PhoneCodeRefused):
        phone_change_confirm(user=customer, code=wrong, now=now)

    assert PhoneChange.objects.get().attempts == 1
    customer.refresh_from_db()
    assert str(customer.phone) == "+33612345678"


def test_after_five_wrong_codes_the_right_one_no_longer_works(customer):
    now = timezone.now()
    phone_change_request(user=customer, phone=NEW, now=now)
    code = sent_code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(MAX_ATTEMPTS):
        with pytest.raises(PhoneCodeRefused):
            phone_change_confirm(user=customer, code=wrong, now=now)

    with pytest.raises(PhoneCodeRefused):
        phone_change_confirm(user=customer, code=code, now=now)
    customer.refresh_from_db()
    assert str(customer.phone) == "+33612345678"


def test_an_expired_code_is_refused(customer):
    now = timezone.now()
    phone_change_request(user=customer, phone=NEW, now=now)
    with pytest.raises(PhoneCodeRefused):
        phone_change_confirm(user=customer, code=sent_code(), now=now + timedelta(minutes=16))


def test_the_same_number_sends_nothing(customer):
    assert phone_change_request(user=customer, phone="+33612345678", now=timezone.now()) is None
    assert not OutboundMessage.objects.filter(channel="sms").exists()
