"""Every back-office page, rendered in French for the demo salon's owner, holds no English
sentence of the translation catalogue: a string whose msgid no longer matches the code (a
literal "\\u2013" in the .po once kept "Time off 15:00-16:00" in English) shows up here."""

from __future__ import annotations

import re

from django.utils import translation
from django.utils.translation import trans_real

from tests.backoffice.pages import demo_owner_pages, page_texts

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}")


def english_fragments() -> dict[str, str]:
    """Each fragment of a translated msgid (its text between placeholders) that its French
    translation does not contain, mapped to the msgid: several words, or a whole one-word
    label."""
    catalog = trans_real.translation("fr")._catalog  # the merged catalogue Django reads
    fragments: dict[str, str] = {}
    for msgid, msgstr in catalog.items():
        if not isinstance(msgid, str) or "\x04" in msgid or not msgid or msgstr == msgid:
            continue
        for fragment in PLACEHOLDER.split(msgid):
            fragment = " ".join(fragment.split()).strip(" :,.")
            if (
                len(fragment) >= 4
                and fragment not in msgstr
                and catalog.get(fragment) != fragment  # a word French shares ("E-mail")
                and re.search("[a-z]", fragment)
            ):
                fragments[fragment] = msgid
    return fragments


def english_in(texts: list[str], fragments: dict[str, str]) -> list[str]:
    whole = "\n".join(texts)
    labels = {text.strip(" :,.") for text in texts}
    found = []
    for fragment in fragments:
        if " " in fragment:
            if fragment in whole and re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", whole):
                found.append(fragment)
        elif fragment in labels:
            found.append(fragment)
    return found


def test_no_back_office_page_holds_an_english_sentence_in_french(db):
    pages = demo_owner_pages("fr")
    with translation.override("fr"):
        fragments = english_fragments()
    assert "Time off" in fragments  # the method knows the string that once leaked
    leaks = {
        url: found
        for url, html in pages.items()
        if (found := english_in(page_texts(html, "fr"), fragments))
    }
    assert not leaks, leaks
    assert any("Absence 15:00\u201316:00" in html for html in pages.values())
