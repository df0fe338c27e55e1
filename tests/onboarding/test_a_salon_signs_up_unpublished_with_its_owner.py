"""An account with a verified address creates its salon: unpublished, in set-up, owned by it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from creneau.catalog.errors import SettingsError
from creneau.catalog.models import Business, ReviewState, StaffMember, StaffRole
from creneau.catalog.permissions import NotAllowed

from .conftest import OTHER_SIRET, SIRET, signup

pytestmark = pytest.mark.django_db


def test_the_salon_is_a_draft_offline_and_the_account_owns_it(founder):
    business = signup(founder, siret="732 829 320 00074")
    assert business.siret == SIRET
    assert business.is_active is False
    assert business.review_state == ReviewState.DRAFT
    assert business.slug == "barbier-nadia" and business.city_slug == "lyon"
    owner = StaffMember.objects.get(business=business)
    assert (owner.user, owner.role, owner.display_name) == (founder, StaffRole.OWNER, "Nadia")


def test_an_unverified_address_cannot_sign_a_salon_up(make_user):
    unverified = make_user("new@example.org", verified=False)
    with pytest.raises(NotAllowed):
        signup(unverified)
    assert not Business.objects.exists()


def test_a_wrong_siret_is_refused(founder):
    with pytest.raises(SettingsError):
        signup(founder, siret="73282932000075")
    assert not Business.objects.exists()


def test_a_siret_signs_up_once(founder, make_user):
    signup(founder)
    other = make_user("other@example.org")
    with pytest.raises(SettingsError, match="already registered"):
        signup(other, name="Autre barbier")
    signup(other, name="Autre barbier", siret=OTHER_SIRET)
    assert Business.objects.count() == 2


def test_salons_that_existed_before_stay_approved_and_published(salon):
    salon.refresh_from_db()
    assert salon.review_state == ReviewState.APPROVED and salon.is_active


def test_the_form_creates_the_salon_and_opens_its_set_up(founder, login):
    response = login(founder).post(
        "/pro/_signup/salon/",
        {
            "name": "Barbier Nadia",
            "category": "barber",
            "address": "12 rue Mercière",
            "postcode": "69002",
            "city": "Lyon",
            "phone": "04 78 00 00 00",
            "siret": "732 829 320 00074",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/pro/barbier-nadia/setup/"
    business = Business.objects.get()
    assert str(business.phone) == "+33478000000" and business.is_active is False


def test_the_form_shows_a_wrong_siret_and_creates_nothing(founder, login):
    response = login(founder).post(
        "/pro/_signup/salon/",
        {
            "name": "Barbier Nadia",
            "category": "barber",
            "address": "12 rue Mercière",
            "postcode": "69002",
            "city": "Lyon",
            "phone": "04 78 00 00 00",
            "siret": "73282932000075",
        },
    )
    assert response.status_code == 200
    assert "SIRET" in response.content.decode()
    assert not Business.objects.exists()


def test_a_visitor_is_offered_an_account_that_comes_back_to_the_salon_form(login):
    page = login(None).get("/pro/_signup/").content.decode()
    assert "/accounts/signup/?next=%2Fpro%2F_signup%2Fsalon%2F" in page
    assert login(None).get("/pro/_signup/salon/")["Location"].startswith("/accounts/login/")


def test_the_home_page_and_every_footer_link_to_the_sign_up(login, db):
    page = login(None).get("/").content.decode()
    assert page.count('href="/pro/_signup/"') == 2
    legal = login(None).get(reverse("privacy:legal_notice")).content.decode()
    assert 'href="/pro/_signup/"' in legal
