"""Turning a plain-text message into the HTML of the shared e-mail layout.

Used for messages whose words are written once, as text, by a library (allauth's account
e-mails): the HTML part says exactly what the text part says, paragraph for paragraph, and
every link in it also gets a button, so nobody has to copy a long address from an e-mail.
"""

from __future__ import annotations

import re

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from creneau.phones import phone_label

register = template.Library()

URL = re.compile(r"https?://[^\s<>\"']+")


@register.filter
def email_body(text: str, label: str = "") -> SafeString:
    """Paragraphs of `text` (separated by blank lines) as HTML; each address in a paragraph
    stays as written and gets a button labelled `label` under it. A paragraph that is only a
    link becomes the button, with the address in small print for whoever prefers to copy it."""
    parts: list[str] = []
    for paragraph in re.split(r"\n\s*\n", str(text).strip()):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        urls = URL.findall(paragraph)
        if urls and paragraph == urls[0]:
            parts.append(_button(urls[0], label or urls[0]))
            parts.append(
                '<p style="margin:-8px 0 16px;font-size:13px;color:#4d5566;word-break:break-all;">'
                f"{escape(urls[0])}</p>"
            )
            continue
        html = escape(paragraph).replace("\n", "<br>\n")
        # A long address in a sentence may break anywhere rather than widen the message.
        wrap = "overflow-wrap:anywhere;" if urls else ""
        parts.append(f'<p style="margin:0 0 16px;{wrap}">{html}</p>')
        parts.extend(_button(url, label or url) for url in urls)
    return mark_safe("\n".join(parts))  # every piece of text is escaped above


def _button(url: str, label: str) -> str:
    return render_to_string("notifications/email/_button.html", {"url": url, "label": label})


@register.filter
def phone(value: object) -> str:
    """The salon's number in a message as on the site: "01 23 45 67 89" for a French one."""
    return phone_label(value)
