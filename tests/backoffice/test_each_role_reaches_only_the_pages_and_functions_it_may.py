"""Who reaches what in the back office: every role against every page and domain function.

Roles: the owner, a manager and a staff member of Salon Test; the owner of another salon; a
customer of the platform; an anonymous visitor. Outsiders get 404 (the salon's back office is
not confirmed to them); members whose role falls short get 403; a colleague's booking or
customer, for plain staff, is 404 too. Then every object of another salon, reached by changing
an id in a URL, is 404.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from creneau.backoffice.selectors import salon_settings
from creneau.bookings.agenda import agenda_for
from creneau.bookings.customers import salon_customers
from creneau.bookings.dashboard import salon_dashboard
from creneau.bookings.errors import BookingNotFound
from creneau.bookings.models import Booking
from creneau.bookings.salon import (
    NewContact,
    booking_create_for_salon,
    booking_mark_outcome,
    customer_file_open,
)
from creneau.bookings.services import booking_cancel, booking_reschedule
from creneau.catalog.models import StaffRole
from creneau.catalog.permissions import NotAllowed, NotFound
from creneau.catalog.salon_settings import business_update, staff_save
from creneau.catalog.team import salon_mfa_require
from tests.backoffice.conftest import NOW, THURSDAY

pytestmark = pytest.mark.django_db

ROLES = ["owner", "manager", "staff", "other_salon_owner", "customer", "anonymous"]
MEMBERS = {"owner", "manager", "staff"}
MANAGERS = {"owner", "manager"}
DENIED = (NotAllowed, NotFound, BookingNotFound)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def team(owner, manager, staff_user, other_owner, other_customer):
    return {
        "owner": owner,
        "manager": manager,
        "staff": staff_user,
        "other_salon_owner": other_owner,
        "customer": other_customer,  # a platform customer who never booked here
        "anonymous": None,
    }


@pytest.fixture
def bookings(customer, make_user, book):
    """A customer booked with Alice (the owner's column); another one with Chloé (staff)."""
    chloes_customer = make_user("lou@example.org", first_name="Lou", phone="+33677777777")
    return {
        "colleague": book(customer, staff_index=0),
        "own": book(chloes_customer, staff_index=2, start=THURSDAY + timedelta(hours=4)),
    }


# --- Pages -------------------------------------------------------------------------------------

# (name, path with {ref}/{own_ref}/{customer}/{staff}/{service}, who gets 200)
PAGES = [
    ("agenda day", "/pro/salon-test/", MEMBERS),
    ("agenda week", "/pro/salon-test/week/", MEMBERS),
    ("new booking", "/pro/salon-test/bookings/new/", MEMBERS),
    ("booking of a colleague", "/pro/salon-test/bookings/{ref}/", MANAGERS),
    ("own booking", "/pro/salon-test/bookings/{own_ref}/", MEMBERS),
    ("move a colleague's booking", "/pro/salon-test/bookings/{ref}/move/", MANAGERS),
    ("move own booking", "/pro/salon-test/bookings/{own_ref}/move/", MEMBERS),
    ("cancel a colleague's booking", "/pro/salon-test/bookings/{ref}/cancel/", MANAGERS),
    ("cancel own booking", "/pro/salon-test/bookings/{own_ref}/cancel/", MEMBERS),
    ("customer list", "/pro/salon-test/customers/", MEMBERS),
    ("file of a colleague's customer", "/pro/salon-test/customers/account/{customer}/", MANAGERS),
    ("file of own customer", "/pro/salon-test/customers/account/{own_customer}/", MEMBERS),
    ("time off", "/pro/salon-test/time-off/", MEMBERS),
    ("closures", "/pro/salon-test/closures/", MANAGERS),
    ("dashboard", "/pro/salon-test/dashboard/", MANAGERS),
    ("security", "/pro/salon-test/security/", MEMBERS),
    ("settings", "/pro/salon-test/settings/", MANAGERS),
    ("salon details", "/pro/salon-test/settings/details/", MANAGERS),
    ("booking policy", "/pro/salon-test/settings/policy/", MANAGERS),
    ("new service", "/pro/salon-test/settings/services/new/", MANAGERS),
    ("edit a service", "/pro/salon-test/settings/services/{service}/", MANAGERS),
    ("new category", "/pro/salon-test/settings/categories/new/", MANAGERS),
    ("new staff member", "/pro/salon-test/settings/staff/new/", MANAGERS),
    ("edit a staff member", "/pro/salon-test/settings/staff/{staff}/", MANAGERS),
    ("weekly hours", "/pro/salon-test/settings/staff/{staff}/hours/", MANAGERS),
    ("invite", "/pro/salon-test/settings/invite/", MANAGERS),
]


def _expected(role: str, allowed: set[str], path: str) -> int:
    if role == "anonymous":
        return 302
    if role in allowed:
        return 200
    if role in MEMBERS and "{ref}" not in path and "{customer}" not in path:
        return 403  # a member, on a page above their role
    return 404  # an outsider, or a colleague's booking or customer


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "path", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_each_role_gets_each_page_or_the_expected_refusal(
    role, name, path, allowed, team, bookings, salon, login
):
    url = path.format(
        ref=bookings["colleague"].reference,
        own_ref=bookings["own"].reference,
        customer=bookings["colleague"].customer_id,
        own_customer=bookings["own"].customer_id,
        staff=salon.test_staff[1].pk,
        service=salon.test_services["cut"].pk,
    )
    response = login(team[role]).get(url)
    assert response.status_code == _expected(role, allowed, path), (role, name)
    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ROLES)
def test_the_back_office_home_sends_members_to_their_agenda_and_refuses_others(role, team, login):
    response = login(team[role]).get("/pro/")
    expected = {"anonymous": 302, "customer": 403}.get(role, 302)
    assert response.status_code == expected
    if role in MEMBERS:
        assert response["Location"] == "/pro/salon-test/"
    if role == "other_salon_owner":
        assert response["Location"] == "/pro/autre-salon/"


# --- Domain functions --------------------------------------------------------------------------


def _call(name, actor, salon, bookings, customer):
    later = THURSDAY + timedelta(days=1)
    if name == "agenda":
        return agenda_for(actor=actor, business=salon, first_day=THURSDAY.date())
    if name == "booking create":
        return booking_create_for_salon(
            actor=actor,
            business=salon,
            services=[salon.test_services["cut"]],
            start=later,
            new_contact=NewContact(name="Walk In", phone="0611111111"),
            now=NOW,
        )
    if name == "booking move (colleague's)":
        return booking_reschedule(booking=bookings["colleague"], actor=actor, start=later, now=NOW)
    if name == "booking move (own)":
        return booking_reschedule(booking=bookings["own"], actor=actor, start=later, now=NOW)
    if name == "booking cancel (colleague's)":
        return booking_cancel(booking=bookings["colleague"], actor=actor, now=NOW)
    if name == "booking cancel (own)":
        return booking_cancel(booking=bookings["own"], actor=actor, now=NOW)
    if name == "booking outcome (own)":
        return booking_mark_outcome(
            booking=bookings["own"], actor=actor, outcome="completed", now=later + timedelta(days=1)
        )
    if name == "customer list":
        return salon_customers(actor=actor, business=salon)
    if name == "customer file (colleague's customer)":
        return customer_file_open(actor=actor, business=salon, customer_id=customer.pk, now=NOW)
    if name == "settings read":
        return salon_settings(actor=actor, business=salon)
    if name == "settings write":
        return business_update(actor=actor, business=salon, changes={"horizon_days": 30})
    if name == "ownership":
        member = salon.test_staff[2]
        member.role = StaffRole.OWNER
        return staff_save(actor=actor, business=salon, member=member, services=[])
    if name == "security rule":
        return salon_mfa_require(actor=actor, business=salon, required=False, now=NOW)
    if name == "dashboard":
        return salon_dashboard(actor=actor, business=salon, now=NOW)
    raise AssertionError(name)


FUNCTIONS = [
    ("agenda", MEMBERS),
    ("booking create", MEMBERS),
    ("booking move (colleague's)", MANAGERS),
    ("booking move (own)", MEMBERS),
    ("booking cancel (colleague's)", MANAGERS),
    ("booking cancel (own)", MEMBERS),
    ("booking outcome (own)", MEMBERS),
    ("customer list", MEMBERS),
    ("customer file (colleague's customer)", MANAGERS),
    ("settings read", MANAGERS),
    ("settings write", MANAGERS),
    ("ownership", {"owner"}),
    ("security rule", {"owner"}),
    ("dashboard", MANAGERS),
]


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
@pytest.mark.parametrize(("name", "allowed"), FUNCTIONS, ids=[f[0] for f in FUNCTIONS])
def test_each_domain_function_checks_the_role_itself(
    role, name, allowed, team, bookings, salon, customer
):
    if role in allowed:
        _call(name, team[role], salon, bookings, customer)
    else:
        with pytest.raises(DENIED):
            _call(name, team[role], salon, bookings, customer)


def test_a_refused_domain_call_changes_nothing(team, bookings, salon, customer):
    for role in ("staff", "other_salon_owner", "customer"):
        with pytest.raises(DENIED):
            booking_cancel(booking=bookings["colleague"], actor=team[role], now=NOW)
    assert Booking.objects.filter(status=Booking.Status.CONFIRMED).count() == 2
