"""After logging in, a professional lands on their salon's agenda (or a choice of salons);
`?next=` still wins; the site's header shows them the way to the back office."""

from __future__ import annotations

import pytest
from django.test import Client

from creneau.catalog.models import StaffMember, StaffRole
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(user, next_url: str = "") -> str:
    client = Client()
    url = "/accounts/login/" + (f"?next={next_url}" if next_url else "")
    response = client.post(url, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response["Location"]


@pytest.fixture
def hairdresser(salon, make_user):
    user = make_user("alice.owner@example.org", first_name="Alice", phone="+33611111111")
    member = salon.test_staff[0]
    member.user, member.role = user, StaffRole.OWNER
    member.save(update_fields=["user", "role"])
    return user


def test_a_professional_lands_on_the_back_office_which_opens_the_agenda(hairdresser):
    assert log_in(hairdresser) == "/pro/"
    client = Client()
    client.force_login(hairdresser)
    assert client.get("/pro/")["Location"] == "/pro/salon-test/"


def test_a_professional_of_several_salons_gets_a_choice(hairdresser, other_salon_of):
    other_salon_of(hairdresser)
    client = Client()
    client.force_login(hairdresser)
    response = client.get("/pro/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/pro/salon-test/" in page and "/pro/autre-salon/" in page


def test_next_still_wins_over_the_back_office(hairdresser):
    assert log_in(hairdresser, "/account/bookings/") == "/account/bookings/"


def test_a_customer_still_lands_on_the_home_page(customer):
    assert log_in(customer) == "/"


def test_a_former_staff_member_lands_like_a_customer(hairdresser):
    StaffMember.objects.filter(user=hairdresser).update(is_active=False)
    assert log_in(hairdresser) == "/"


def test_the_header_shows_the_pro_area_to_professionals_only(hairdresser, customer):
    pro = Client()
    pro.force_login(hairdresser)
    assert 'href="/pro/">Espace pro</a>' in pro.get("/").content.decode()
    other = Client()
    other.force_login(customer)
    assert "Espace pro" not in other.get("/").content.decode()
    assert "Espace pro" not in Client().get("/").content.decode()


@pytest.fixture
def other_salon_of(db):
    from creneau.catalog.models import Business

    def make(user):
        business = Business.objects.create(
            name="Autre Salon",
            slug="autre-salon",
            category="hair",
            address="2 rue Ailleurs",
            postcode="69001",
            city="Lyon",
            city_slug="lyon",
        )
        StaffMember.objects.create(
            business=business, user=user, role=StaffRole.MANAGER, display_name="Alice"
        )
        return business

    return make
