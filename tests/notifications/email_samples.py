"""Every e-mail the app sends, rendered with a sample context, for the tests that check them
all: ours (`notifications/email/<name>.subject.txt|.txt|.html` in any app) and allauth's account
e-mails (through our adapter, as they are really sent)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.template import engines

from creneau.notifications.outbox import EMAIL_TEMPLATES, _render
from tests.conftest import paris

SITE = "https://creneau.example"

# allauth's account e-mails that can be sent with our settings, and what each needs.
ACCOUNT_MESSAGES = {
    "account/email/email_confirmation_signup": {"activate_url": f"{SITE}/accounts/confirm/KEY/"},
    "account/email/email_confirmation": {"activate_url": f"{SITE}/accounts/confirm/KEY/"},
    "account/email/password_reset_key": {"password_reset_url": f"{SITE}/accounts/reset/KEY/"},
    "account/email/account_already_exists": {"password_reset_url": f"{SITE}/accounts/reset/"},
    "account/email/unknown_account": {"signup_url": f"{SITE}/accounts/signup/"},
    "account/email/email_changed": {"from_email": "old@example.org", "to_email": "new@example.org"},
    "account/email/password_changed": {},
    "account/email/password_set": {},
    "account/email/email_deleted": {"deleted_email": "old@example.org"},
}


@dataclass(frozen=True)
class Rendered:
    name: str
    language: str
    subject: str
    text: str
    html: str


def our_email_templates() -> list[str]:
    """Every `notifications/email/<name>` that has a subject, in every app's templates."""
    names: set[str] = set()
    for loader in engines["django"].engine.template_loaders:
        for directory in loader.get_dirs():
            folder = Path(directory) / EMAIL_TEMPLATES
            for subject in folder.rglob("*.subject.txt"):
                relative = subject.relative_to(folder).as_posix().removesuffix(".subject.txt")
                names.add(relative)
    return sorted(names)


def sample_context() -> dict[str, object]:
    start = paris(2026, 12, 10, 10)
    business = {
        "name": "Salon Test",
        "address": "1 rue du Test",
        "postcode": "75011",
        "city": "Paris",
        "phone": "+33 1 23 45 67 89",
    }
    return {
        "recipient_name": "Camille",
        "customer_name": "Camille Dupont",
        "business": business,
        "reference": "ABCD2345",
        "start": start,
        "end": start + timedelta(minutes=30),
        "previous_start": start - timedelta(days=1),
        "expires_at": start - timedelta(hours=20),
        "change_deadline": start - timedelta(hours=24),
        "can_change": True,
        "staff_name": "Alice",
        "services": [{"name": "Coupe", "duration_minutes": 30, "price": Decimal("35.00")}],
        "total_price": Decimal("35.00"),
        "booking_url": f"{SITE}/account/bookings/ABCD2345/",
        "business_url": f"{SITE}/salons/paris/salon-test/",
        "calendar": {
            "google": "https://calendar.google.com/calendar/render?action=TEMPLATE&text=Coupe",
            "outlook": "https://outlook.live.com/calendar/0/action/compose?subject=Coupe",
            "ics": f"{SITE}/account/bookings/ABCD2345/calendar.ics",
        },
        "privacy_notice": True,
        "privacy_policy_path": "/privacy/",
        "contact_data": {"name": "Camille Dupont", "email": "c@example.org", "phone": "06"},
        "review_url": f"{SITE}/reviews/TOKEN/",
        "invitations_off_url": f"{SITE}/reviews/off/TOKEN/",
        "offer_url": f"{SITE}/waitlist/offer/TOKEN/",
        "accept_url": f"{SITE}/pro/invitations/TOKEN/",
        "inviter_name": "Alice Martin",
        "role": "staff",
        "confirm_url": f"{SITE}/privacy/rights/confirm/TOKEN/",
        "right": "access",
        "hours": 48,
        "links": [f"{SITE}/account/privacy/archive/1/", f"{SITE}/account/privacy/archive/2/"],
        "link_days": 7,
        "reason": "Not enough information.",
        "desk_url": f"{SITE}/privacy/staff/requests/",
        "overdue": [{"reference": "R1", "due_at": start, "days_left": 0}],
        "soon": [{"reference": "R2", "due_at": start, "days_left": 3}],
        "login_url": f"{SITE}/accounts/login/",
        "inactive_days": 730,
        "erase_on": "10 December 2026",
        "unsubscribe_url": f"{SITE}/unsubscribe/TOKEN/",
        "title": "News",
        "text": "Our news.",
        "event": "cancelled",
        "page_url": f"{SITE}/salons/paris/salon-test/",
        "agenda_url": f"{SITE}/pro/salon-test/",
        "setup_url": f"{SITE}/pro/salon-test/setup/",
        "by_salon": False,
    }


def render_ours(name: str, *, language: str) -> Rendered:
    subject, text, html = _render(
        f"{EMAIL_TEMPLATES}/{name}", sample_context(), language=language, time_zone="Europe/Paris"
    )
    return Rendered(name=name, language=language, subject=subject, text=text, html=html)


def render_account(name: str, *, language: str, user) -> Rendered:
    """An allauth account e-mail as our adapter queues it (in `user`'s language)."""
    from allauth.account.adapter import get_adapter

    from creneau.notifications.models import OutboundMessage

    user.language = language
    user.save(update_fields=["language"])
    before = set(OutboundMessage.objects.values_list("pk", flat=True))
    context = {
        "user": user,
        "ip": "192.0.2.1",
        "user_agent": "Firefox",
        "timestamp": paris(2026, 12, 7, 9),
        **ACCOUNT_MESSAGES[name],
    }
    get_adapter().send_mail(name, user.email, context)
    message = OutboundMessage.objects.exclude(pk__in=before).get()
    return Rendered(
        name=name,
        language=language,
        subject=message.subject,
        text=message.body_text,
        html=message.body_html,
    )


def all_rendered(user) -> list[Rendered]:
    languages = [code for code, _name in settings.LANGUAGES]
    return [
        render_ours(name, language=lang) for name in our_email_templates() for lang in languages
    ] + [
        render_account(name, language=lang, user=user)
        for name in ACCOUNT_MESSAGES
        for lang in languages
    ]
