"""In Chromium, end to end: log in, ask to delete the account, enter the password again, type
DELETE, see the receipt reference; logging in no longer works."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from playwright.sync_api import expect

from creneau.accounts.models import User
from creneau.privacy.models import ErasureReceipt
from tests.conftest import PASSWORD
from tests.privacy.test_downloading_my_data_works_in_a_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def delete_with_password(page) -> None:
    with page.expect_navigation():
        page.locator("a[href='/account/privacy/delete/']").click()
    expect(page).to_have_url(re.compile(r"/reauthenticate/"))
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    expect(page).to_have_url(re.compile(r"/account/privacy/delete/"))
    page.locator("#id_confirmation").fill("DELETE")
    with page.expect_navigation():
        page.locator("button.button-danger").click()


def test_the_account_is_deleted_after_reauthentication_and_delete(page, customer):
    log_in(page, customer)
    page.goto("/account/privacy/")
    # Later than the re-authentication window of the login itself: the password is asked again.
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=20), tick=True):
        delete_with_password(page)

    receipt = ErasureReceipt.objects.get()
    expect(page.locator("main")).to_contain_text(receipt.reference)
    assert not User.objects.filter(email="camille.dupont@example.org").exists()

    page.goto("/accounts/login/")
    page.locator("#id_login").fill("camille.dupont@example.org")
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator(".errorlist").first).to_be_visible()
