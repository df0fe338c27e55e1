"""Renewal in Chromium: six months later, or under a new policy version, the banner is back
and nothing optional runs until the visitor chooses again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from playwright.sync_api import expect

from creneau.consent import policy
from creneau.consent.models import ConsentRecord, PageView

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def submit(page, control) -> None:
    """Click a control that navigates, and wait for the new page to be loaded."""
    with page.expect_navigation():
        control.click()


@pytest.fixture
def tags(settings):
    settings.MARKETING_META_PIXEL_ID = "1234567890"


@pytest.fixture
def accepted(page, tags):
    page.context.route("https://**/*", lambda route: route.abort())
    page.goto("/")
    submit(page, page.locator("button[name='accept_all']"))
    expect(page.locator("#consent-banner")).to_have_count(0)
    return page


def views_of_home() -> int:
    return sum(PageView.objects.filter(path="/").values_list("count", flat=True))


def tags_on(page) -> int:
    return page.locator("script[src*='facebook']").count()


def test_the_banner_is_back_after_six_months(accepted):
    page = accepted
    now = datetime.now(UTC)
    with time_machine.travel(now + timedelta(days=150)):
        page.reload()
        expect(page.locator("#consent-banner")).to_have_count(0)
        assert tags_on(page) == 1
    counted = views_of_home()
    with time_machine.travel(now + timedelta(days=183)):
        page.reload()
        expect(page.locator("#consent-banner")).to_be_visible()
        assert tags_on(page) == 0
        assert views_of_home() == counted
        submit(page, page.locator("button[name='refuse_all']"))
        expect(page.locator("#consent-banner")).to_have_count(0)
    assert ConsentRecord.objects.count() == 2


def test_the_banner_is_back_when_the_policy_version_changes(accepted, monkeypatch):
    page = accepted
    assert tags_on(page) == 1
    monkeypatch.setattr(policy, "POLICY_VERSION", "2099-01-01")  # a new policy is deployed
    page.reload()
    expect(page.locator("#consent-banner")).to_be_visible()
    assert tags_on(page) == 0
    submit(page, page.locator("button[name='accept_all']"))
    expect(page.locator("#consent-banner")).to_have_count(0)
    assert ConsentRecord.objects.order_by("-id").first().policy_version == "2099-01-01"
