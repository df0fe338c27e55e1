"""A choice list of the back office names its empty choice ("Sans catégorie") or has none; it
never shows Django's placeholder "---------"."""

from __future__ import annotations

from tests.backoffice.pages import demo_owner_pages


def test_no_back_office_page_shows_an_empty_choice_as_dashes(db):
    pages = demo_owner_pages("fr")
    assert any("/settings/services/" in url for url in pages)
    assert any("/time-off/" in url for url in pages)
    assert not [url for url, html in pages.items() if "---------" in html]
