"""The customer's journey in a real Chromium, on a 390 px phone in French and a 1280 px desktop
in English: search, salon, service, time, sign up (the time survives e-mail verification),
confirm, My bookings, move with a review, cancel.

On every page: axe finds nothing; no text of the other language is shown (see `foreign_texts`);
and what the page transferred (HTML, CSS, JS, fonts and the fragments its script fetched;
images excluded; browser cache off, so every page pays for its CSS and JS) stays under 100 KB.
The sizes are printed (`-s`) and reported in docs/benchmarks.md.
"""

from __future__ import annotations

import gettext
import re
from functools import cache
from pathlib import Path

import allauth
import django
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import expect

from creneau.bookings.models import Booking
from creneau.catalog.models import Service, ServiceCategory
from creneau.catalog.services import business_reindex
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser]

LINK = re.compile(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/")
BUDGET = 100 * 1024

# Visible texts and the labels read out (aria-label, placeholder, title, alt) of the page.
TEXTS_JS = """() => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, template, noscript")) continue;
    if (!parent.getClientRects().length && !parent.closest(".visually-hidden")) continue;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    if (text) texts.push(text);
  }
  for (const element of document.querySelectorAll("[aria-label], [placeholder], [title], [alt]")) {
    for (const name of ["aria-label", "placeholder", "title", "alt"]) {
      const value = (element.getAttribute(name) || "").trim();
      if (value) texts.push(value);
    }
  }
  texts.push(document.title.replace(/ · Créneau$/, "").trim());
  return texts;
}"""


@cache
def _catalogue() -> dict[str, str]:
    """English msgid -> French msgstr of every string the site can show (ours, allauth's and
    Django's), where the two differ. Strings with a placeholder are compared without it."""
    files = [
        Path(django_settings.BASE_DIR) / "creneau/locale/fr/LC_MESSAGES/django.mo",
        Path(allauth.__file__).parent / "locale/fr/LC_MESSAGES/django.mo",
        Path(django.__file__).parent / "conf/locale/fr/LC_MESSAGES/django.mo",
    ]
    pairs: dict[str, str] = {}
    for path in files:
        with path.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        for key, french in catalog.items():
            english = key[0] if isinstance(key, tuple) else key
            if not english or "%" in english or "{" in english or "\x04" in english:
                continue
            if english.strip() != french.strip() and len(english.strip()) > 2:
                pairs[english.strip()] = french.strip()
    return pairs


def foreign_texts(page, language: str) -> list[str]:
    """The page's texts that are a whole string of the other language in our catalogues: on
    the French site an English msgid shown as it is (a string left untranslated), on the
    English site a French translation (a string written in French in a template)."""
    pairs = _catalogue()
    foreign = set(pairs) if language == "fr" else set(pairs.values())
    own = set(pairs.values()) if language == "fr" else set(pairs)
    return sorted({text for text in page.evaluate(TEXTS_JS) if text in foreign and text not in own})


def axe_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


class Transfer:
    """Bytes each page load of the journey received, by the URL of its document (with the
    number of the load, as a page may be seen several times)."""

    def __init__(self, page) -> None:
        self.pages: dict[str, int] = {}
        self.current = ""
        self.files: dict[str, list[tuple[str, int]]] = {}
        page.on("request", self._requested)
        page.on("requestfinished", self._finished)
        self.page = page

    def _requested(self, request) -> None:
        # A new document starts a new page; the fragments its script fetches count for it.
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self.current = f"{len(self.pages):02d} {request.url.split('#')[0]}"
            self.pages[self.current] = 0

    def _finished(self, request) -> None:
        if request.resource_type in ("image", "media"):
            return
        try:
            sizes = request.sizes()
            response = request.response()
        except Exception:  # the page went away before the sizes could be read
            return
        if response is None or response.status in (301, 302, 303):
            return
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        self.pages[self.current] = self.pages.get(self.current, 0) + size
        self.files.setdefault(self.current, []).append((request.url, size))


def check(page, language: str, where: str, checked: list[str]) -> None:
    page.wait_for_load_state("load")
    assert axe_violations(page) == [], where
    # The salon's own words (its price list, in its language) are data, not our catalogue's,
    # even when a name is also one of our strings ("Coupe" is a starter price list's line).
    salon_words = set(ServiceCategory.objects.values_list("name", flat=True)) | set(
        Service.objects.values_list("name", flat=True)
    )
    assert [t for t in foreign_texts(page, language) if t not in salon_words] == [], where
    checked.append(where)


def first_time_in_view(page) -> None:
    slot = page.locator(".slot-list a.slot").first
    expect(slot).to_be_visible()
    box = slot.bounding_box()
    viewport = page.viewport_size
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (
        f"the first free time is at y={box and box['y']}, below the first screen"
    )
    assert box["height"] >= 44 and box["width"] >= 44  # a touch target


@pytest.mark.parametrize(
    ("language", "viewport"),
    [("fr", {"width": 390, "height": 844}), ("en", {"width": 1280, "height": 800})],
    ids=["phone-fr", "desktop-en"],
)
def test_the_journey_from_search_to_cancel(
    _browser, live_server, transactional_db, salon, settings, language, viewport
):
    business_reindex(business_ids=[salon.pk])
    context = _browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        viewport=viewport,
        has_touch=viewport["width"] < 500,
    )
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    transfer = Transfer(page)
    checked: list[str] = []
    try:
        page.goto("/")
        page.locator("button[name='refuse_all']").first.click()
        check(page, language, "home", checked)

        page.locator("#id_where").fill("Paris")
        page.locator("#search-submit").click()
        check(page, language, "search results", checked)
        page.locator("#results").get_by_role("link", name="Salon Test").click()
        expect(page).to_have_url(re.compile(r"/salons/paris/salon-test/$"))
        check(page, language, "salon", checked)

        cut = salon.test_services["cut"]
        page.locator(f".service-book[href$='service={cut.pk}']").click()
        expect(page).to_have_url(re.compile(r"/book/\?service="))
        check(page, language, "slot picker", checked)
        first_time_in_view(page)
        days = page.locator(".day-strip a.day-button")
        boxes = [days.nth(i).bounding_box() for i in range(2)]
        assert boxes[0]["y"] == boxes[1]["y"], "the day buttons are not in one strip"

        # With the script, a day and a person are swapped in place: no new page is loaded.
        page.evaluate("window.stillHere = true")
        page.locator(".day-strip a.day-button").nth(2).click()
        expect(page.locator(".day-strip a.day-button").nth(2)).to_have_attribute(
            "aria-current", "date"
        )
        page.locator(".staff-chip", has_text="Bruno").click()
        expect(page.locator(".staff-chip", has_text="Bruno")).to_have_attribute(
            "aria-current", "true"
        )
        assert page.evaluate("window.stillHere") is True
        assert "staff=" in page.url and "date=" in page.url
        check(page, language, "slot picker, another day and person", checked)
        slot = page.locator(".slot-list a.slot").first
        label = slot.inner_text()
        slot.click()

        # Not signed in: the chosen time is summarised, with both ways to keep it.
        expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
        expect(page.locator(".pending-booking")).to_contain_text(label)
        check(page, language, "sign in", checked)
        page.locator("#continue-as-new-customer").click()
        expect(page.locator(".pending-booking")).to_contain_text("Salon Test")
        check(page, language, "sign up", checked)
        email = f"lou.{language}@example.org"
        page.locator("#id_email").fill(email)
        page.locator("#id_password1").fill(PASSWORD)
        page.locator("#id_last_name").fill("Bernard")
        page.locator("#id_first_name").fill("Lou")
        page.locator("#id_phone").fill("06 98 76 54 32")
        page.locator("form[action*='signup'] button[type='submit']").click()
        expect(page).to_have_url(re.compile(r"/accounts/confirm-email/"))
        expect(page.locator(".pending-booking")).to_contain_text(label)
        check(page, language, "verification sent", checked)

        links = [LINK.search(m.body) for m in mail.outbox if m.to == [email]]
        page.goto(next(link.group(0) for link in links if link))
        check(page, language, "confirm the e-mail address", checked)
        page.locator("main form button[type='submit']").click()

        # Back on the review step with the same choice.
        expect(page.locator("#confirm-booking")).to_be_visible()
        expect(page.locator("main")).to_contain_text(label)
        expect(page.locator("main")).to_contain_text("Bruno")
        check(page, language, "review", checked)
        page.locator("#confirm-booking").click()
        booking = Booking.objects.get()
        expect(page).to_have_url(re.compile(rf"/account/bookings/{booking.reference}/$"))
        check(page, language, "booking", checked)
        # Add to calendar: the .ics downloads and holds the booking; Google and Outlook links.
        with page.expect_download() as download:
            page.locator("#add-to-calendar").click()
        event = next(
            iter(Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT"))
        )
        assert event.decoded("dtstart") == booking.start
        assert "Salon Test" in str(event.get("location", "")) + str(event.get("summary", ""))
        expect(page.locator("a[href^='https://calendar.google.com/']")).to_have_count(1)
        expect(page.locator("a[href^='https://outlook.live.com/']")).to_have_count(1)

        page.locator("header a[href='/account/bookings/']").click()
        expect(page.locator(".booking-list").first).to_contain_text("Salon Test")
        check(page, language, "my bookings", checked)
        page.locator(f"a[href='/account/bookings/{booking.reference}/']").first.click()

        page.locator(f"a[href='/account/bookings/{booking.reference}/move/']").click()
        check(page, language, "move: choose", checked)
        new = page.locator(".slot-list a.slot").last
        new_label = new.inner_text()
        new.click()
        expect(page.locator("#confirm-move")).to_be_visible()
        expect(page.locator("main")).to_contain_text(new_label)
        booking.refresh_from_db()
        old_start = booking.start
        check(page, language, "move: review", checked)
        page.locator("#confirm-move").click()
        expect(page).to_have_url(re.compile(rf"/account/bookings/{booking.reference}/$"))
        booking.refresh_from_db()
        assert booking.start != old_start
        check(page, language, "booking moved", checked)

        page.locator(f"a[href='/account/bookings/{booking.reference}/cancel/']").click()
        check(page, language, "cancel", checked)
        page.locator("#confirm-cancel").click()
        expect(page.locator(".booking-status")).to_be_visible()
        booking.refresh_from_db()
        assert booking.status == Booking.Status.CANCELLED_BY_CUSTOMER
        check(page, language, "booking cancelled", checked)
    finally:
        context.close()

    sizes = {url: n for url, n in transfer.pages.items() if n}
    print(f"\n{language} {viewport['width']} px, bytes transferred per page load:")
    for url, size in sorted(sizes.items()):
        print(f"  {size / 1024:6.1f} KB  {url}")
    largest = max(transfer.pages, key=transfer.pages.__getitem__)
    for url, size in transfer.files[largest]:
        print(f"    {size / 1024:6.1f} KB  {url}")
    assert len(checked) == 17
    assert max(sizes.values()) < BUDGET, sizes


def test_the_language_check_catches_a_string_left_in_the_other_language(page):
    page.set_content(
        "<html><body><p>Mes rendez-vous</p><p>My bookings</p>"
        "<button aria-label='Next week'>&gt;</button><p>Salon Test</p></body></html>"
    )
    assert foreign_texts(page, "fr") == ["My bookings", "Next week"]
    assert foreign_texts(page, "en") == ["Mes rendez-vous"]
