"""A visitor who chose a time is offered to sign in or to continue as a new customer, with the
choice summarised, and comes back to the review step after sign-up and e-mail verification."""

from __future__ import annotations

import re
from datetime import UTC
from urllib.parse import urlencode

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.accounts.helpers import only_link
from tests.conftest import PASSWORD, paris

pytestmark = pytest.mark.django_db

NOW = paris(2026, 12, 7, 8)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def review_url(salon):
    query = {
        "service": salon.test_services["cut"].pk,
        "start": paris(2026, 12, 8, 10).astimezone(UTC).isoformat(),
    }
    return reverse("booking:review", args=["paris", "salon-test"]) + "?" + urlencode(query)


def sign_up(client, url, **options):
    """Nora signs up from the page that asked her to, on her way to `url`."""
    return client.post(
        reverse("account_signup") + "?" + urlencode({"next": url}),
        {
            "email": "nora@example.org",
            "password1": PASSWORD,
            "last_name": "Benali",
            "first_name": "Nora",
            "phone": "07 81 23 45 67",
            "next": url,
        },
        **options,
    )


def test_the_login_page_summarises_the_choice_and_offers_to_continue_as_new_customer(
    client, salon, settings
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    login = client.get(review_url(salon), follow=True)
    html = login.content.decode()
    assert "Salon Test" in html and "Coupe" in html and "10:00" in html
    assert "Continue as a new customer" in html
    signup_link = reverse("account_signup") + "?" + urlencode({"next": review_url(salon)})
    assert signup_link.replace("&", "&amp;") in html
    # Only the pages on the way to an account show it.
    assert "Salon Test" not in client.get(reverse("account_reset_password")).content.decode()


def test_the_choice_survives_sign_up_and_the_verification_link(client, salon):
    url = review_url(salon)
    client.get(url)
    signup = client.get(reverse("account_signup") + "?" + urlencode({"next": url}))
    assert "Salon Test" in signup.content.decode()
    sent = sign_up(client, url, follow=True)
    assert "Salon Test" in sent.content.decode()  # "check your e-mail" still shows the choice
    confirm_url = only_link(mail.outbox[-1])
    client.get(confirm_url)
    confirmed = client.post(confirm_url)
    assert confirmed.status_code == 302
    assert confirmed.url == url
    review = client.get(confirmed.url)
    assert review.status_code == 200
    assert "confirm-booking" in review.content.decode()


def test_the_choice_survives_signing_in(client, salon, customer):
    url = review_url(salon)
    client.get(url)
    login = client.post(
        reverse("account_login") + "?" + urlencode({"next": url}),
        {"login": customer.email, "password": PASSWORD, "next": url},
    )
    assert login.url == url


def test_the_choice_survives_a_verification_link_opened_in_another_browser(client, salon):
    url = review_url(salon)
    client.get(url)
    sign_up(client, url)
    (link,) = re.findall(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]

    phone = Client()  # the mail app's browser: none of the sign-up's session
    page = phone.get(path)
    assert f'name="next" value="{url}"'.replace("&", "&amp;") in page.content.decode()
    confirmed = phone.post(path, {"next": url})
    assert confirmed.status_code == 302 and confirmed.url == url
    # Not logged in over there: the review page asks to log in, then comes back to the time.
    login = phone.get(confirmed.url)
    assert login.status_code == 302 and "/accounts/login/" in login.url
    back = phone.post(login.url, {"login": "nora@example.org", "password": PASSWORD})
    assert back.status_code == 302 and back.url == url
    assert "confirm-booking" in phone.get(back.url).content.decode()
