"""The whole way in a real Chromium, at 1280 px and on a 390 px phone, without any script of
ours: an owner signs her salon up from the home page (account, e-mail verification, salon),
completes the set-up, platform staff approve it, and a visitor finds it by search and books."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from creneau.bookings.models import Booking
from creneau.catalog.models import Business, ReviewState, Service
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

LINK = re.compile(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/")
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def refuse_cookies_if_asked(page: Page) -> None:
    refuse = page.locator("button[name='refuse_all']")
    if refuse.count():
        refuse.first.click()


def assert_fits_the_screen(page: Page) -> None:
    """Nothing makes the page scroll sideways (on a phone: nothing wider than the screen)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px too wide"


def log_in(page: Page, email: str, next_url: str) -> None:
    page.goto("/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    refuse_cookies_if_asked(page)
    page.locator("input[name='login']").fill(email)
    page.locator("input[name='password']").fill(PASSWORD)
    page.locator("form:has(input[name='password']) button[type='submit']").click()


def new_page(browser, live_server, viewport) -> Page:
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport=viewport)
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_a_salon_signs_up_is_set_up_approved_and_a_visitor_books_it(
    _browser, live_server, transactional_db, make_user, screen
):
    viewport = VIEWPORTS[screen]
    make_user("rita.review@example.org", first_name="Rita", is_staff=True)
    make_user("lou.bernard@example.org", first_name="Lou", last_name="Bernard")

    # --- The owner: from the home page to her account, verified by the e-mailed link.
    owner = new_page(_browser, live_server, viewport)
    owner.goto("/")
    refuse_cookies_if_asked(owner)
    owner.locator("#pro-signup-link").click()
    expect(owner.locator("h1")).to_contain_text("Inscrivez votre salon")
    assert_fits_the_screen(owner)
    owner.locator("#pro-signup").click()
    owner.locator("#id_email").fill("nadia.founder@example.org")
    owner.locator("#id_password1").fill(PASSWORD)
    owner.locator("#id_last_name").fill("Haddad")
    owner.locator("#id_first_name").fill("Nadia")
    owner.locator("#id_phone").fill("06 55 55 55 55")
    owner.locator("form[action*='signup'] button[type='submit']").click()
    links = [LINK.search(m.body) for m in mail.outbox if m.to == ["nadia.founder@example.org"]]
    owner.goto(next(link.group(0) for link in links if link))
    owner.locator("main form button[type='submit']").click()

    # --- Her salon: a wrong SIRET is refused on the page, the right one accepted.
    expect(owner).to_have_url(re.compile(r"/pro/_signup/salon/$"))
    assert_fits_the_screen(owner)
    owner.locator("#id_name").fill("Barbier Nadia")
    owner.locator("input[name='category'][value='barber']").check()
    owner.locator("#id_address").fill("12 rue Mercière")
    owner.locator("#id_postcode").fill("69002")
    owner.locator("#id_city").fill("Lyon")
    owner.locator("#id_phone").fill("04 78 00 00 00")
    owner.locator("#id_siret").fill("732 829 320 00075")
    owner.locator("main form button[type='submit']").click()
    expect(owner.locator("main")).to_contain_text("SIRET")
    owner.locator("#id_siret").fill("732 829 320 00074")
    owner.locator("main form button[type='submit']").click()

    # --- The set-up, step by step: the checklist, then each step leads to the next.
    expect(owner).to_have_url(re.compile(r"/pro/barbier-nadia/setup/$"))
    expect(owner.locator("#setup-checklist .ob-todo")).to_have_count(4)
    owner.locator("#setup-checklist a").first.click()
    # The barber's starter list, in French: keep it, with a dearer cut and one service fewer.
    expect(owner.locator("main")).to_contain_text("Taille de barbe")
    assert_fits_the_screen(owner)
    owner.locator("#id_lines-0-price").fill("27")
    owner.locator("#id_lines-3-keep").uncheck()
    owner.locator("#step-save").click()
    # The week: Tuesday to Saturday with a lunch break, already filled in; open Monday too.
    expect(owner).to_have_url(re.compile(r"/setup/hours/$"))
    assert_fits_the_screen(owner)
    owner.locator("#id_days-0-open").check()
    owner.locator("#id_days-0-start").fill("10:00")
    owner.locator("#id_days-0-end").fill("18:00")
    owner.locator("#step-save").click()
    expect(owner).to_have_url(re.compile(r"/setup/team/$"))
    assert_fits_the_screen(owner)
    owner.locator("#step-save").click()
    expect(owner).to_have_url(re.compile(r"/setup/policy/$"))
    assert_fits_the_screen(owner)
    owner.locator("#step-save").click()
    expect(owner).to_have_url(re.compile(r"/pro/barbier-nadia/setup/$"))
    expect(owner.locator("#setup-checklist .ob-todo")).to_have_count(0)
    assert_fits_the_screen(owner)
    owner.locator("#setup-submit").click()
    expect(owner.locator("#setup-status")).to_contain_text("vérification")

    business = Business.objects.get()
    assert business.review_state == ReviewState.SUBMITTED and not business.is_active
    cut = Service.objects.get(business=business, position=0)
    assert cut.price == 27
    assert Service.objects.filter(business=business).count() == 4

    # --- Platform staff approve it from the review queue.
    staff = new_page(_browser, live_server, viewport)
    log_in(staff, "rita.review@example.org", "/pro/_review/")
    expect(staff.locator(".ob-salon h2")).to_have_text("Barbier Nadia")
    expect(staff.locator(".ob-salon")).to_contain_text("73282932000074")
    assert_fits_the_screen(staff)
    staff.locator(".review-approve").click()
    expect(staff.locator("#review-empty")).to_be_visible()
    business.refresh_from_db()
    assert business.is_active and business.review_state == ReviewState.APPROVED

    # --- A visitor finds it by search and books it (logging in when asked).
    visitor = new_page(_browser, live_server, viewport)
    visitor.goto("/")
    refuse_cookies_if_asked(visitor)
    visitor.locator("#id_where").fill("Lyon")
    visitor.locator("#search-submit").click()
    visitor.locator("#results").get_by_role("link", name="Barbier Nadia").click()
    expect(visitor).to_have_url(re.compile(r"/salons/lyon/barbier-nadia/$"))
    visitor.locator(f".service-book[href$='service={cut.pk}']").click()
    visitor.locator("button[type='submit']", has_text=re.compile(".")).last.click()
    for _ in range(10):
        slots = visitor.locator(".slot-list a.slot")
        if slots.count():
            slots.first.click()
            break
        visitor.locator(".day-nav a", has_text=re.compile("→")).first.click()
    else:
        raise AssertionError("no free time within ten days")
    expect(visitor).to_have_url(re.compile(r"/accounts/login/\?next="))
    visitor.locator("input[name='login']").fill("lou.bernard@example.org")
    visitor.locator("input[name='password']").fill(PASSWORD)
    visitor.locator("form:has(input[name='password']) button[type='submit']").click()
    visitor.locator("#confirm-booking").click()
    booking = Booking.objects.get()
    assert booking.business == business and booking.customer.email == "lou.bernard@example.org"

    # --- The owner, logging in again, lands on her salon's agenda.
    owner.context.clear_cookies()
    log_in(owner, "nadia.founder@example.org", "")
    expect(owner).to_have_url(re.compile(r"/pro/barbier-nadia/$"))
    for page in (owner, staff, visitor):
        page.context.close()
