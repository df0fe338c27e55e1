"""Every e-mail the app sends, ours and allauth's, comes as text and HTML in the shared layout;
the text part is complete: it holds every address the HTML links to, so a reader of the plain
text misses nothing. Every link of the message body is a button."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.notifications.email_samples import all_rendered, our_email_templates

pytestmark = pytest.mark.django_db


@pytest.fixture
def messages(customer):
    return all_rendered(customer)


def hrefs(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]*)"', html)]


def test_the_samples_cover_every_message(messages):
    names = {message.name for message in messages}
    assert {"booking_confirmed", "rights_request_confirm", "waitlist_offer"} <= names
    assert "account/email/email_confirmation_signup" in names
    assert len(our_email_templates()) >= 20


def test_each_message_has_a_subject_a_text_and_an_html_part_in_the_layout(messages):
    for message in messages:
        assert message.subject.strip(), message.name
        assert message.text.strip(), message.name
        assert message.html.lstrip().startswith("<!DOCTYPE html>"), message.name
        assert "max-width:600px" in message.html, message.name
        assert "<style" not in message.html.lower(), message.name


def test_the_text_part_holds_every_address_the_html_links_to(messages):
    for message in messages:
        links = hrefs(message.html)
        assert links, message.name
        for href in links:
            assert href, f"{message.name}: an empty link"
            address = href.removeprefix("mailto:")
            assert address in message.text, f"{message.name} ({message.language}): {href}"


def test_every_link_of_the_body_is_a_button(messages):
    for message in messages:
        body = message.html.split("<!-- end of body -->")[0]
        for anchor in re.findall(r"<a [^>]*>", body):
            if 'href="mailto:' in anchor:
                continue
            assert "padding:" in anchor, f"{message.name}: {anchor}"


def test_the_footer_links_to_the_preferences(messages):
    for message in messages:
        assert "/account/privacy/preferences/" in message.html, message.name
        assert "/account/privacy/preferences/" in message.text, message.name


def test_account_emails_name_their_action_on_the_button(messages):
    signup = [m for m in messages if m.name == "account/email/email_confirmation_signup"]
    french = next(m for m in signup if m.language == "fr")
    english = next(m for m in signup if m.language == "en")
    assert ">Confirm my e-mail address</a>" in english.html
    assert ">Confirm my e-mail address</a>" not in french.html
    assert "/accounts/confirm/KEY/" in french.text


def test_the_salons_number_reads_as_the_french_write_it(messages):
    shown = [m for m in messages if "Salon Test" in m.text and "1 rue du Test" in m.text]
    assert shown
    for message in shown:
        for part in (message.text, message.html):
            assert "01 23 45 67 89" in part, message.name
            assert "+33" not in part, message.name
