"""In Chromium, in French: each of the seven rights is filed on the public form, confirmed from
the link e-mailed, and fulfilled from the desk; a restriction then stops the queued news and
the suggestions, and the salon sees "limité" beside the customer."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from playwright.sync_api import expect

from creneau.bookings.models import RecentlyViewedSalon
from creneau.bookings.personalisation import personal_suggestions
from creneau.catalog.models import StaffRole
from creneau.consent.marketing import marketing_message_enqueue
from creneau.consent.models import AccountPurpose
from creneau.consent.objection import account_allows, account_consent_record
from creneau.notifications.models import OutboundMessage
from creneau.rights.models import RightsRequest
from tests.conftest import mail_outbox
from tests.privacy.test_downloading_my_data_works_in_a_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

RIGHTS = [
    "access",
    "rectification",
    "restriction",
    "portability",
    "objection",
    "withdrawal",
    "erasure",
]


def file_and_confirm(page, customer, right: str) -> RightsRequest:
    page.goto("/privacy/rights/")
    page.locator("#id_first_name").fill("Camille")
    page.locator("#id_last_name").fill("Dupont")
    page.locator("#id_email").fill(customer.email)
    page.locator(f"input[name='right'][value='{right}']").check()
    with page.expect_navigation():
        page.locator("main form button[type='submit']").click()
    body = mail_outbox()[-1].body
    link = re.search(r"https?://\S+(/privacy/rights/confirm/\S+/)", body).group(1)
    page.goto(link)
    with page.expect_navigation():
        page.locator("button[name='confirm']").click()
    return RightsRequest.objects.get(right=right)


def test_each_right_is_filed_confirmed_and_fulfilled_in_a_browser(
    page, _browser, live_server, customer, make_user, salon, settings
):
    officer = make_user("dpo@creneau.example", is_staff=True)
    officer.user_permissions.add(Permission.objects.get(codename="handle_rightsrequest"))
    owner = make_user("owner@salon-test.example", first_name="Olivia", last_name="Owner")
    member = salon.test_staff[0]
    member.user, member.role = owner, StaffRole.OWNER
    member.save(update_fields=["user", "role"])
    from creneau.bookings.services import booking_create
    from tests.backoffice.conftest import NOW, THURSDAY

    booking_create(
        customer=customer,
        business=salon,
        services=[salon.test_services["cut"]],
        start=THURSDAY,
        now=NOW,
    )
    for purpose in (AccountPurpose.MARKETING_EMAIL, AccountPurpose.PERSONALISATION):
        account_consent_record(
            user=customer, purpose=purpose, granted=True, source="account", now=timezone.now()
        )
    RecentlyViewedSalon.objects.create(user=customer, business=salon, viewed_at=timezone.now())
    # The news waits for the worker, which has not run yet; every other message goes at once.
    immediate = settings.TASKS
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    queued = marketing_message_enqueue(
        template="marketing/news",
        to_address=customer.email,
        language="fr",
        context={"text": "Offres de printemps"},
        user=customer,
        now=timezone.now(),
    )
    settings.TASKS = immediate

    desk_context = _browser.new_context(base_url=live_server.url, locale="fr-FR")
    desk = desk_context.new_page()
    log_in(desk, officer)
    try:
        for right in RIGHTS:
            request = file_and_confirm(page, customer, right)
            assert request.status == RightsRequest.Status.RECEIVED
            desk.goto(f"/privacy/staff/requests/{request.reference}/")
            with desk.expect_navigation():
                desk.locator("input[name='action'][value='fulfil'] + button").click()
            request.refresh_from_db()
            assert request.status == RightsRequest.Status.FULFILLED, right
            assert any(request.reference in m.subject for m in mail_outbox()), right

            if right == "restriction":
                assert not OutboundMessage.objects.filter(pk=queued.pk).exists()
                assert not personal_suggestions(user=customer, now=timezone.now())
                salon_page = desk_context.new_page()
                desk_context.clear_cookies()
                log_in(salon_page, owner)
                salon_page.goto(f"/pro/{salon.slug}/customers/")
                expect(salon_page.locator("main")).to_contain_text("limité")
                desk_context.clear_cookies()
                log_in(desk, officer)
            if right == "withdrawal":
                assert not account_allows(user=customer, purpose=AccountPurpose.MARKETING_EMAIL)
    finally:
        desk_context.close()
