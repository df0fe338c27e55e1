"""Every right the GDPR gives (access, rectification, erasure, restriction, portability,
objection, withdrawal of consent) is on the public form with its self-service path, is
confirmed by e-mail and fulfilled from the desk, with what the right means done."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from creneau.accounts.models import User
from creneau.consent.models import AccountPurpose
from creneau.consent.objection import account_allows, account_consent_record
from creneau.privacy.restriction import processing_restricted
from creneau.rights.models import RightsRequest

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 12, 8, 0, tzinfo=UTC)
RIGHTS = [
    "access",
    "rectification",
    "erasure",
    "restriction",
    "portability",
    "objection",
    "withdrawal",
]


@pytest.fixture
def officer(make_user):
    officer = make_user("dpo@creneau.example", is_staff=True)
    officer.user_permissions.add(Permission.objects.get(codename="handle_rightsrequest"))
    return officer


def english(user=None) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def test_the_form_offers_the_seven_rights_each_with_its_self_service_path(client):
    html = client.get(reverse("privacy:rights_form")).content.decode()
    offered = re.findall(r'<input type="radio" name="right" value="(\w+)"', html)
    assert sorted(offered) == sorted(RIGHTS)
    listed = dict(re.findall(r'<li data-right="(\w+)">.*?<a href="([^"]+)"', html))
    assert listed == {
        "access": reverse("privacy:my_data"),
        "rectification": reverse("privacy:my_data"),
        "erasure": reverse("privacy:delete_account"),
        "restriction": reverse("privacy:restriction"),
        "portability": reverse("privacy:download_json"),
        "objection": reverse("privacy:account_preferences"),
        "withdrawal": reverse("privacy:account_preferences"),
    }


@pytest.mark.parametrize("right", RIGHTS)
def test_each_right_is_filed_confirmed_and_fulfilled_from_the_desk(
    right, customer, officer, mailoutbox, django_capture_on_commit_callbacks
):
    account_consent_record(
        user=customer,
        purpose=AccountPurpose.MARKETING_EMAIL,
        granted=True,
        source="account",
        now=timezone.now(),
    )
    visitor = english()
    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        visitor.post(
            reverse("privacy:rights_form"),
            {
                "first_name": "Camille",
                "last_name": "Dupont",
                "email": customer.email,
                "right": right,
            },
        )
    link = re.search(r"http\S+(/privacy/rights/confirm/\S+/)", mailoutbox[-1].body).group(1)
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        visitor.post(link)
    request = RightsRequest.objects.get()
    assert request.status == RightsRequest.Status.RECEIVED

    desk = english(officer)
    url = reverse("privacy:desk_request", args=[request.reference])
    with (
        time_machine.travel(NOW + timedelta(days=3), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert desk.get(url).status_code == 200
        desk.post(url, {"action": "fulfil"})

    request.refresh_from_db()
    assert request.status == RightsRequest.Status.FULFILLED
    told = [m for m in mailoutbox if request.reference in m.subject]
    assert told and told[-1].to == [customer.email]
    if right in ("access", "portability"):
        assert "/account/privacy/archive/" in told[-1].body
    if right == "erasure":
        assert not User.objects.filter(pk=customer.pk).exists()
    else:
        assert User.objects.filter(pk=customer.pk).exists()
    if right == "restriction":
        assert processing_restricted(user=customer)
        assert processing_restricted(email=customer.email.upper())
    if right == "withdrawal":
        assert not account_allows(user=customer, purpose=AccountPurpose.MARKETING_EMAIL)
