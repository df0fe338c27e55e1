"""A change of e-mail address takes effect only once the new address is verified."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.accounts.helpers import only_link

pytestmark = pytest.mark.django_db


def test_a_new_email_replaces_the_old_one_only_once_verified(client, customer):
    client.force_login(customer)
    client.post(reverse("account_email"), {"action_add": "", "email": "camille.new@example.org"})
    customer.refresh_from_db()
    assert customer.email == "camille.dupont@example.org"  # not yet verified
    verification = [m for m in mail.outbox if m.to == ["camille.new@example.org"]]
    assert len(verification) == 1

    confirm_url = only_link(verification[0])
    client.post(confirm_url)
    customer.refresh_from_db()
    assert customer.email == "camille.new@example.org"
    assert list(EmailAddress.objects.filter(user=customer).values_list("email", flat=True)) == [
        "camille.new@example.org"
    ]
