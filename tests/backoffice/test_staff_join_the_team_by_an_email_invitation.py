"""An owner or manager invites someone by e-mail; the link joins the account whose verified
address is the invited one, once."""

from __future__ import annotations

import re

import pytest

from creneau.catalog.models import StaffInvitation, StaffMember
from creneau.notifications.models import OutboundMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(salon, manager, login):
    login(manager).post(
        "/pro/salon-test/settings/invite/",
        {"email": "Dana@Example.org", "display_name": "Dana", "role": "staff"},
    )
    message = OutboundMessage.objects.get(to_address="dana@example.org")
    return re.search(r"http://[^\s]+/pro/_invitations/[^\s/]+/", message.body_text).group(0)


def path(link: str) -> str:
    return link.split("8000", 1)[1]


def test_the_invitation_creates_the_staff_member_and_sends_a_link(salon, link):
    member = StaffMember.objects.get(business=salon, display_name="Dana")
    assert member.user is None
    invitation = StaffInvitation.objects.get()
    assert invitation.email == "dana@example.org"
    assert path(link).split("/")[3] not in invitation.token_hash  # only the hash is stored


def test_the_invited_person_joins_with_their_verified_address(salon, link, make_user, login):
    dana = make_user("dana@example.org", first_name="Dana", phone="+33612000000")
    client = login(dana)
    assert "Join the team of Salon Test" in client.get(path(link)).content.decode()
    response = client.post(path(link))
    assert response["Location"] == "/pro/salon-test/"
    assert StaffMember.objects.get(display_name="Dana").user == dana
    assert client.get("/pro/salon-test/").status_code == 200


def test_a_forwarded_link_is_useless_to_another_account(salon, link, customer, login):
    login(customer).post(path(link))
    assert StaffMember.objects.get(display_name="Dana").user is None


def test_the_link_works_once(salon, link, make_user, login):
    dana = make_user("dana@example.org", first_name="Dana", phone="+33612000000")
    login(dana).post(path(link))
    assert login(dana).get(path(link)).status_code == 404


def test_a_manager_cannot_invite_an_owner(salon, manager, login):
    response = login(manager).post(
        "/pro/salon-test/settings/invite/",
        {"email": "eve@example.org", "display_name": "Eve", "role": "owner"},
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not StaffInvitation.objects.exists()
