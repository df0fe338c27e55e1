"""The registry answers by category, purpose, legal basis and erasure rule."""

from __future__ import annotations

import pytest

from creneau.privacy.registry import personal, registry


def test_contact_fields_include_the_account_e_mail_and_phone():
    keys = {entry.key for entry in registry.entries(category="contact")}

    assert {"accounts.user.email", "accounts.user.phone"} <= keys


def test_fields_kept_for_a_legal_obligation_say_until_when():
    kept = registry.entries(on_erasure="keep for a legal obligation")

    assert {e.key for e in kept} >= {"bookings.booking.total_price"}
    assert all(e.declaration.keep_until for e in kept)


def test_consent_based_fields_are_listed_by_basis():
    keys = {e.key for e in registry.entries(basis="consent")}

    assert "bookings.recentlyviewedsalon.user" in keys


def test_purpose_is_searched_as_words():
    keys = {e.key for e in registry.entries(purpose="prove a consent")}

    assert "consent.consentrecord.marketing" in keys


def test_a_kept_field_without_a_date_is_refused():
    with pytest.raises(ValueError):
        personal(
            category="booking",
            purpose="x",
            basis="legal obligation",
            retention="x",
            on_erasure="keep for a legal obligation",
        )
