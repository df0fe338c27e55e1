"""Every back-office page, rendered for the demo salon's owner: shared by the tests that read
the pages' words (a French page holds no English; a choice list holds no "---------")."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from io import StringIO
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, reverse

from creneau.accounts.models import User
from creneau.backoffice import urls as backoffice_urls
from creneau.bookings.models import Booking
from creneau.bookings.salon import salon_free_starts
from creneau.bookings.services import booking_create
from creneau.catalog.models import Business, Service, ServiceCategory, StaffMember, TimeOff

# The pages that only take a POST (they answer a GET with 405): nothing to read.
POST_ONLY = {
    "booking_outcome",
    "note_delete",
    "time_off_delete",
    "closure_delete",
    "category_delete",
    "review_reply",
    "booking_note",
    "setup_submit",
}


# Pages an owner does not read: an invitation's link, a calendar feed (not HTML), the sign-up
# before a salon exists and the platform's review queue (their own tests read them).
ELSEWHERE = {
    "invitation",
    "calendar_feed_ics",
    "signup",
    "signup_salon",
    "review_queue",
    "review_approve",
    "review_send_back",
}


def demo_owner_pages(language: str) -> dict[str, str]:
    """The HTML of every GET page of the back office (and a few second steps), keyed by the
    URL, for the owner of the first demo salon, in `language`."""
    today = datetime.now(ZoneInfo("Europe/Paris")).date()
    call_command("seed_demo", "--salons", "1", "--today", today.isoformat(), stdout=StringIO())
    owner = User.objects.get(email="pro@demo.creneau.fr")
    business = Business.objects.get(staff__user=owner)
    member = StaffMember.objects.get(business=business, user=owner)
    tz = ZoneInfo(business.timezone)
    # An absence on the page for sure: its label is what once stayed in English.
    TimeOff.objects.create(
        staff=member,
        start=datetime.combine(today, datetime.min.time(), tzinfo=tz).replace(hour=15),
        end=datetime.combine(today, datetime.min.time(), tzinfo=tz).replace(hour=16),
    )
    service = business.services.filter(is_active=True, staff=member).order_by("pk").first()
    upcoming = _a_customer_booking(owner, business, member, service, today)
    category = ServiceCategory.objects.filter(business=business).order_by("pk").first()
    if category is None:
        category = ServiceCategory.objects.create(business=business, name="Coupes")
    kwargs = {
        "salon": business.slug,
        "reference": upcoming.reference,
        "kind": "account",
        "pk": upcoming.customer_id,
    }
    by_name = {
        "service": {"pk": service.pk},
        "category": {"pk": category.pk},
        "staff": {"pk": member.pk},
        "staff_hours": {"pk": member.pk},
        "customer": {"kind": "account", "pk": upcoming.customer_id},
    }
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(owner)
    pages: dict[str, str] = {}
    day = upcoming.start.astimezone(tz).date()
    extra = {
        "booking_new": f"?step=1&date={day}&services={service.pk}&staff={member.pk}",
        "booking_move": f"?date={day + timedelta(days=1)}",
        "agenda_week": "?staff=team",
    }
    for pattern in backoffice_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        name = pattern.name or ""
        if name in POST_ONLY or name in ELSEWHERE:
            continue
        params = {
            key: by_name.get(name, kwargs).get(key, kwargs.get(key))
            for key in pattern.pattern.converters
        }
        url = reverse(f"backoffice:{name}", kwargs=params)
        for address in (url, url + extra[name]) if name in extra else (url,):
            response = client.get(address, follow=True)
            assert response.status_code == 200, (address, response.status_code)
            pages[address] = response.content.decode()
    return pages


class _Text(HTMLParser):
    """The words a reader meets in the page's language: text outside scripts and styles and
    outside elements marked in another language (the language menu names each language in
    itself), and the labels given in attributes."""

    ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.chunks: list[str] = []
        self._skipped: list[str] = []  # the open elements whose text is not read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang")
        if tag in {"script", "style"} or (lang and not lang.startswith(self.language)):
            self._skipped.append(tag)
            return
        for name, value in attrs:
            if name in self.ATTRIBUTES and value and not self._skipped:
                self.chunks.append(value)

    def handle_endtag(self, tag: str) -> None:
        if self._skipped and self._skipped[-1] == tag:
            self._skipped.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipped and data.strip():
            self.chunks.append(" ".join(data.split()))


def page_texts(html: str, language: str) -> list[str]:
    parser = _Text(language)
    parser.feed(html)
    return parser.chunks


def _a_customer_booking(
    owner: User, business: Business, member: StaffMember, service: Service, today: date
) -> Booking:
    """A customer's booking at the first free time from tomorrow, as the site makes one."""
    customer = User.objects.create_user(
        "lea.dumas@example.org", "x", first_name="Léa", last_name="Dumas", phone="+33699887766"
    )
    EmailAddress.objects.create(user=customer, email=customer.email, verified=True, primary=True)
    now = datetime.now(UTC)
    for offset in range(1, 15):
        starts = salon_free_starts(
            actor=owner,
            business=business,
            services=[service],
            day=today + timedelta(days=offset),
            staff=member,
            now=now,
        )
        if starts:
            return booking_create(
                customer=customer,
                business=business,
                services=[service],
                start=starts[0],
                staff=member,
                now=now,
            )
    raise AssertionError("the demo salon's owner has a free time within two weeks")
