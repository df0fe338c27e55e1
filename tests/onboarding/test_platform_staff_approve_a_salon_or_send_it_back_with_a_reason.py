"""Platform staff see the salons waiting for review with their data, approve one (published,
found by the search, its page and the API) or send it back with a reason e-mailed to the
owner, in the owner's language."""

from __future__ import annotations

import pytest
from django.test import Client

from creneau.catalog.errors import SettingsError
from creneau.catalog.models import Business, ReviewState
from creneau.catalog.onboarding import salon_approve, salon_send_back, salon_submit
from creneau.notifications.models import OutboundMessage

from .conftest import NOW

pytestmark = pytest.mark.django_db


def found_by_search(client: Client, name: str) -> bool:
    return name in client.get("/salons/", {"q": "barbier lyon"}).content.decode()


def test_a_salon_in_set_up_or_waiting_is_nowhere_on_the_public_site(draft_salon, founder):
    anonymous = Client()
    assert not found_by_search(anonymous, "Barbier Nadia")
    assert anonymous.get("/salons/lyon/barbier-nadia/").status_code == 404
    assert anonymous.get("/api/v1/salons/barbier-nadia").status_code == 404
    listed = anonymous.get("/api/v1/salons", {"city": "lyon"}).json()
    assert listed["total"] == 0


def test_approval_publishes_the_salon_everywhere(
    submitted_salon, reviewer, django_capture_on_commit_callbacks
):
    version = Business.objects.get(pk=submitted_salon.pk).public_version
    with django_capture_on_commit_callbacks(execute=True):
        salon_approve(actor=reviewer, business=submitted_salon, now=NOW)
    business = Business.objects.get(pk=submitted_salon.pk)
    assert business.is_active and business.review_state == ReviewState.APPROVED
    assert business.reviewed_at == NOW
    assert business.public_version > version  # kept pages of the salon are out of date
    anonymous = Client()
    assert found_by_search(anonymous, "Barbier Nadia")
    assert anonymous.get("/salons/lyon/barbier-nadia/").status_code == 200
    assert anonymous.get("/api/v1/salons/barbier-nadia").json()["name"] == "Barbier Nadia"
    assert anonymous.get("/api/v1/salons", {"city": "lyon"}).json()["total"] == 1


def test_the_owner_is_told_by_email_that_the_salon_is_online(submitted_salon, founder, reviewer):
    founder.language = "fr"
    founder.save(update_fields=["language"])
    salon_approve(actor=reviewer, business=submitted_salon, now=NOW)
    message = OutboundMessage.objects.get(to_address="nadia.founder@example.org")
    assert message.subject.endswith("Barbier Nadia est en ligne sur Créneau")
    assert "/salons/lyon/barbier-nadia/" in message.body_text
    assert "/pro/barbier-nadia/" in message.body_text


def test_the_queue_shows_the_salons_data_and_approves_from_the_page(
    submitted_salon, reviewer, login
):
    client = login(reviewer)
    page = client.get("/pro/_review/").content.decode()
    for shown in (
        "Barbier Nadia",
        "12 rue Mercière",
        "73282932000074",
        "Coupe homme",
        "nadia.founder@example.org",
    ):
        assert shown in page
    response = client.post(f"/pro/_review/{submitted_salon.pk}/approve/")
    assert response["Location"] == "/pro/_review/"
    assert Business.objects.get(pk=submitted_salon.pk).is_active
    assert "No salon is waiting for review." in client.get("/pro/_review/").content.decode()


def test_sending_back_emails_the_reason_to_the_owner_in_their_language(
    submitted_salon, founder, reviewer, login
):
    founder.language = "fr"
    founder.save(update_fields=["language"])
    response = login(reviewer).post(
        f"/pro/_review/{submitted_salon.pk}/send-back/",
        {"reason": "Le numéro de téléphone ne répond pas."},
    )
    assert response.status_code == 302
    business = Business.objects.get(pk=submitted_salon.pk)
    assert business.review_state == ReviewState.RETURNED and not business.is_active
    message = OutboundMessage.objects.get(to_address="nadia.founder@example.org")
    assert "Le numéro de téléphone ne répond pas." in message.body_text
    assert "modifications" in message.subject
    assert f"/pro/{business.slug}/setup/" in message.body_text

    # The owner reads the reason on the set-up page, and sends the salon again.
    page = login(founder).get(f"/pro/{business.slug}/setup/").content.decode()
    assert "Le numéro de téléphone ne répond pas." in page
    salon_submit(actor=founder, business=business, now=NOW)
    assert Business.objects.get(pk=business.pk).review_state == ReviewState.SUBMITTED


def test_an_english_speaking_owner_gets_the_email_in_english(submitted_salon, founder, reviewer):
    founder.language = "en"
    founder.save(update_fields=["language"])
    salon_send_back(actor=reviewer, business=submitted_salon, reason="Add a photo.", now=NOW)
    message = OutboundMessage.objects.get(to_address="nadia.founder@example.org")
    assert message.subject.endswith("changes needed before going online")
    assert "Add a photo." in message.body_text


def test_a_send_back_needs_a_reason(submitted_salon, reviewer):
    with pytest.raises(SettingsError):
        salon_send_back(actor=reviewer, business=submitted_salon, reason="  ", now=NOW)
    assert not OutboundMessage.objects.exists()


def test_only_a_waiting_salon_is_approved(draft_salon, reviewer):
    with pytest.raises(SettingsError):
        salon_approve(actor=reviewer, business=draft_salon, now=NOW)
    assert not Business.objects.get(pk=draft_salon.pk).is_active


def test_a_user_given_the_review_permission_reviews_without_being_staff(
    submitted_salon, make_user, login
):
    from django.contrib.auth.models import Permission

    clerk = make_user("clerk@example.org")
    clerk.user_permissions.add(Permission.objects.get(codename="review_business"))
    assert login(clerk).get("/pro/_review/").status_code == 200


def test_the_admin_shows_the_review_without_changing_it(submitted_salon, make_user, login):
    admin = make_user("admin@example.org", is_staff=True, is_superuser=True)
    page = login(admin).get(f"/admin/catalog/business/{submitted_salon.pk}/change/")
    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="siret"' in content and "73282932000074" in content
    assert 'name="review_state"' not in content  # read-only: the queue acts on it
    assert "Waiting for review" in content
