"""In Chromium: a customer logs in through the form, opens "My data" and downloads the JSON,
which holds their e-mail address."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def log_in(page, user) -> None:
    page.goto("/accounts/login/")
    with page.expect_navigation():
        page.locator("button[name='refuse_all']").click()
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")


def test_the_json_download_holds_my_email(page, customer):
    log_in(page, customer)
    page.goto("/account/privacy/")
    expect(page.locator("h1")).to_be_visible()

    with page.expect_download() as download:
        page.locator("a[href='/account/privacy/data.json']").click()

    data = json.loads(Path(download.value.path()).read_text())
    assert data["profile"][0]["email"] == "camille.dupont@example.org"
