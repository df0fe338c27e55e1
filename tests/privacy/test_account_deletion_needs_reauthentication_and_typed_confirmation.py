"""Deleting the account from the site: password again, a typed confirmation, then the receipt."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from creneau.accounts.models import User
from creneau.privacy.models import ErasureReceipt
from tests.conftest import PASSWORD


def test_it_asks_for_the_password_before_showing_the_delete_page(client, customer):
    client.force_login(customer)

    response = client.get(reverse("privacy:delete_account"))

    assert response.status_code == 302
    assert "reauthenticate" in response["Location"]


def test_it_deletes_the_account_only_after_the_word_is_typed(client, customer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the page's text is checked in English
    client.force_login(customer)
    client.get(reverse("privacy:delete_account"))
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302

    page = client.get(reverse("privacy:delete_account"))
    assert "What will be kept" in page.content.decode()
    refused = client.post(reverse("privacy:delete_account"), {"confirmation": "yes"})
    assert refused.status_code == 200
    assert User.objects.filter(pk=customer.pk).exists()

    done = client.post(reverse("privacy:delete_account"), {"confirmation": "DELETE"})

    receipt = ErasureReceipt.objects.get()
    assert done["Location"].endswith(f"?ref={receipt.reference}")
    assert not User.objects.filter(pk=customer.pk).exists()
    assert receipt.reference in client.get(done["Location"]).content.decode()
    assert client.get(reverse("privacy:my_data")).status_code == 302  # logged out


def test_a_member_of_a_salon_team_is_told_to_leave_it_first(client, customer, salon):
    member = salon.test_staff[0]
    member.user = customer
    member.save()
    client.force_login(customer)
    client.get(reverse("privacy:delete_account"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.post(reverse("privacy:delete_account"), {"confirmation": "DELETE"})

    assert response.status_code == 200
    assert User.objects.filter(pk=customer.pk).exists()
