"""Who may do what: reviewing is for platform staff; a salon's set-up is for its own owners
and managers; a salon's owner, a customer or another salon's owner cannot approve."""

from __future__ import annotations

import pytest

from creneau.catalog.models import Business, ReviewState, Service
from creneau.catalog.onboarding import (
    STEP_TEAM,
    ServiceLine,
    salon_approve,
    salon_send_back,
    salons_waiting_for_review,
    setup_checklist,
    setup_services_add,
    setup_step_confirm,
)
from creneau.catalog.permissions import NotAllowed

from .conftest import NOW, OTHER_SIRET, signup

pytestmark = pytest.mark.django_db


def test_a_user_who_is_not_platform_staff_cannot_approve(submitted_salon, founder, customer):
    for actor in (founder, customer):
        with pytest.raises(NotAllowed):
            salon_approve(actor=actor, business=submitted_salon, now=NOW)
        with pytest.raises(NotAllowed):
            salon_send_back(actor=actor, business=submitted_salon, reason="x", now=NOW)
        with pytest.raises(NotAllowed):
            salons_waiting_for_review(actor=actor)
    assert Business.objects.get(pk=submitted_salon.pk).review_state == ReviewState.SUBMITTED


def test_the_review_pages_refuse_anyone_but_platform_staff(
    submitted_salon, founder, customer, login
):
    for actor in (founder, customer):
        client = login(actor)
        assert client.get("/pro/_review/").status_code == 403
        assert client.post(f"/pro/_review/{submitted_salon.pk}/approve/").status_code == 403
        assert (
            client.post(
                f"/pro/_review/{submitted_salon.pk}/send-back/", {"reason": "x"}
            ).status_code
            == 403
        )
    assert not Business.objects.get(pk=submitted_salon.pk).is_active
    assert login(None).get("/pro/_review/")["Location"].startswith("/accounts/login/")


def test_an_owner_cannot_see_or_change_another_salons_set_up(draft_salon, make_user, login):
    rival = make_user("rival@example.org", first_name="Rémi")
    rival_salon = signup(rival, name="Barbier Rémi", siret=OTHER_SIRET)
    with pytest.raises(NotAllowed):
        setup_checklist(actor=rival, business=draft_salon)
    with pytest.raises(NotAllowed):
        setup_services_add(
            actor=rival, business=draft_salon, lines=[ServiceLine("", "Coupe", 30, 25)]
        )
    with pytest.raises(NotAllowed):
        setup_step_confirm(actor=rival, business=draft_salon, step=STEP_TEAM)
    client = login(rival)
    for step in ("", "services/", "hours/", "team/", "policy/"):
        assert client.get(f"/pro/{draft_salon.slug}/setup/{step}").status_code == 404
    assert client.post(f"/pro/{draft_salon.slug}/setup/submit/").status_code == 404
    assert not Service.objects.filter(business=draft_salon).exists()
    assert client.get(f"/pro/{rival_salon.slug}/setup/").status_code == 200


def test_a_plain_staff_member_does_not_run_the_set_up(draft_salon, staff_member_of, login):
    chloe = staff_member_of(draft_salon)
    with pytest.raises(NotAllowed):
        setup_checklist(actor=chloe, business=draft_salon)
    assert login(chloe).get(f"/pro/{draft_salon.slug}/setup/").status_code == 403
