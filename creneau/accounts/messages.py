"""The account e-mails allauth writes (verification, password reset, e-mail change, security
notices), put through the outbox in our layout.

allauth renders its own templates (subject and text); they are wrapped here in the shared
layout (`notifications/email/account.*` of this app, which extend the outbox's base), text and
HTML, with the operator's identity in the footer.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.template.defaultfilters import linebreaks_filter, urlize
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from creneau.accounts.models import User
from creneau.notifications.models import Channel, OutboundMessage
from creneau.notifications.outbox import message_store


def account_message_enqueue(
    *,
    kind: str,
    to_address: str,
    language: str,
    subject: str,
    text: str,
    html: str = "",
    user: User | None,
    now: datetime,
) -> OutboundMessage:
    """Queue an account e-mail already written by allauth (`kind` is its template prefix)."""
    with translation.override(language):
        content_html = SafeString(html) if html else linebreaks_filter(urlize(text))
        context = {
            "OPERATOR": settings.OPERATOR,
            "SITE_URL": settings.SITE_URL,
            "subject": subject,
            "content": text.strip(),
            "content_html": content_html,
        }
        body_text = render_to_string("notifications/email/account.txt", context).strip() + "\n"
        body_html = render_to_string("notifications/email/account.html", context)
    return message_store(
        channel=Channel.EMAIL,
        template=kind,
        language=language,
        to_address=to_address,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        user=user,
        now=now,
    )
