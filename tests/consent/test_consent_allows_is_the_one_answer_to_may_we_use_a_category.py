"""`consent_allows(request, category)` and its template tag: the one answer to "may we?"."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from creneau.consent import policy
from creneau.consent.cookies import (
    Consent,
    consent_allows,
    consent_cookie_value,
    consent_needed,
    current_consent,
)


def request_with(consent: Consent | None = None, *, raw: str | None = None):
    from django.conf import settings

    request = RequestFactory().get("/")
    if consent is not None:
        request.COOKIES[settings.CONSENT_COOKIE_NAME] = consent_cookie_value(consent)
    if raw is not None:
        request.COOKIES[settings.CONSENT_COOKIE_NAME] = raw
    return request


def a_consent(*granted: str, **changes) -> Consent:
    values = {
        "consent_id": uuid.uuid4(),
        "policy_version": policy.POLICY_VERSION,
        "granted": frozenset(granted),
        "given_at": timezone.now(),
        "vendors": frozenset(),
    }
    values.update(changes)
    return Consent(**values)


def test_necessary_is_always_allowed_even_before_any_choice():
    request = request_with()
    assert consent_allows(request, "necessary")
    assert consent_needed(request)


@pytest.mark.parametrize("category", ["analytics", "personalisation", "marketing"])
def test_nothing_optional_is_allowed_before_a_choice(category):
    assert not consent_allows(request_with(), category)


def test_only_the_granted_categories_are_allowed():
    request = request_with(a_consent("personalisation"))
    assert consent_allows(request, "personalisation")
    assert not consent_allows(request, "analytics")
    assert not consent_allows(request, "marketing")
    assert not consent_needed(request)


def test_an_unknown_category_is_a_programming_error():
    with pytest.raises(ValueError, match="advertising"):
        consent_allows(request_with(), "advertising")


def test_a_forged_or_garbled_cookie_counts_as_no_choice():
    from django.core import signing

    forged = signing.dumps(
        {"i": uuid.uuid4().hex, "v": policy.POLICY_VERSION, "g": ["marketing"], "t": "x"},
        salt="another-salt",
    )
    for raw in (forged, "garbage", consent_cookie_value(a_consent("analytics")) + "x"):
        request = request_with(raw=raw)
        assert current_consent(request) is None
        assert not consent_allows(request, "analytics")


def test_a_cookie_granting_an_unknown_category_is_ignored():
    request = request_with(a_consent("analytics", "spying"))
    assert current_consent(request) is None


def test_a_choice_older_than_six_months_must_be_renewed():
    old = timezone.now() - timedelta(days=policy.CONSENT_RENEWAL_DAYS)
    assert current_consent(request_with(a_consent("analytics", given_at=old))) is None
    recent = old + timedelta(days=1)
    assert current_consent(request_with(a_consent("analytics", given_at=recent))) is not None


def test_a_choice_made_under_another_policy_version_must_be_renewed():
    request = request_with(a_consent("analytics", policy_version="2020-01-01"))
    assert current_consent(request) is None
    assert consent_needed(request)


def test_the_template_tag_gives_the_same_answer():
    template = Template(
        "{% load consent %}{% consent_allows 'personalisation' as p %}"
        "{% consent_allows 'marketing' as m %}{{ p }}/{{ m }}"
    )
    request = request_with(a_consent("personalisation"))
    assert template.render(Context({"request": request})) == "True/False"
    assert template.render(Context({"request": request_with()})) == "False/False"
