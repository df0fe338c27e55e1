"""Two-factor authentication (allauth MFA: an authenticator app and recovery codes): a staff
member turns it on; an owner can require it for the whole salon."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client

from creneau.catalog.errors import SettingsError
from creneau.catalog.models import SalonSecurity
from creneau.catalog.team import salon_mfa_require
from tests.backoffice.conftest import NOW
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_a_staff_member_turns_on_an_authenticator_app_and_gets_recovery_codes(
    salon, staff_user, settings
):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post("/accounts/login/", {"login": staff_user.email, "password": PASSWORD})
    security = client.get("/pro/salon-test/security/").content.decode()
    assert "/accounts/2fa/totp/activate/" in security
    # allauth asks for the password again before changing how one logs in.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post(response["Location"], {"password": PASSWORD})
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session["mfa.totp.secret"]
    client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    kinds = set(Authenticator.objects.filter(user=staff_user).values_list("type", flat=True))
    assert kinds == {"totp", "recovery_codes"}
    # From now on a password alone does not log in.
    fresh = Client()
    response = fresh.post("/accounts/login/", {"login": staff_user.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"


def test_an_owner_must_turn_it_on_before_requiring_it(salon, owner):
    with pytest.raises(SettingsError):
        salon_mfa_require(actor=owner, business=salon, required=True, now=NOW)
    TOTP.activate(owner, generate_totp_secret())
    salon_mfa_require(actor=owner, business=salon, required=True, now=NOW)
    assert SalonSecurity.objects.get(business=salon).require_mfa


def test_when_required_a_member_without_it_is_sent_to_the_security_page(
    salon, owner, staff_user, login
):
    TOTP.activate(owner, generate_totp_secret())
    login(owner).post("/pro/salon-test/security/", {"require_mfa": "on"})
    client = login(staff_user)
    response = client.get("/pro/salon-test/customers/")
    assert response.status_code == 302
    assert response["Location"] == "/pro/salon-test/security/"
    assert "requires it" in client.get(response["Location"]).content.decode()
    TOTP.activate(staff_user, generate_totp_secret())
    assert client.get("/pro/salon-test/customers/").status_code == 200


def test_only_an_owner_sets_the_rule(salon, manager, login):
    TOTP.activate(manager, generate_totp_secret())
    response = login(manager).post("/pro/salon-test/security/", {"require_mfa": "on"})
    assert response.status_code == 403
    assert not SalonSecurity.objects.exists()
