"""The visitor's pending choice, shown on the account pages (sign in, sign up, e-mail sent)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django import template
from django.urls import reverse

register = template.Library()

# The pages of the way to an account; the others (password reset...) do not show the choice.
PAGES = {
    "account_login",
    "account_signup",
    "account_email_verification_sent",
    "account_confirm_email",
}


@register.inclusion_tag("web/booking/_pending.html", takes_context=True)
def pending_booking(context: dict[str, Any]) -> dict[str, Any]:
    """The time a visitor chose before being asked to sign in, with the two ways to keep it:
    sign in, or continue as a new customer; both come back to the review step."""
    request = context.get("request")
    if request is None or request.user.is_authenticated:
        return {"pending": None}
    page = getattr(request.resolver_match, "url_name", "")
    pending = request.session.get("pending_booking")
    if not pending or page not in PAGES:
        return {"pending": None}
    try:
        start = datetime.fromisoformat(pending["start"]).astimezone(ZoneInfo(pending["timezone"]))
    except (KeyError, ValueError):
        return {"pending": None}
    query = urlencode({"next": pending["url"]})
    return {
        "pending": pending,
        "start": start,
        "login_url": f"{reverse('account_login')}?{query}",
        "signup_url": f"{reverse('account_signup')}?{query}",
        "page": page,
    }
