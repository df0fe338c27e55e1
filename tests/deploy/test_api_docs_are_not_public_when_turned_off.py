"""creneau.E050-E051: with API_DOCS_PUBLIC off, no route of the live URL configuration serves an
API document or documentation page to everyone."""

from __future__ import annotations

import re

from creneau.api.api import api
from creneau.api.docs import docs_guard
from creneau.checks import check_api_docs
from tests.deploy.conftest import ids

UNGUARDED_URLCONF = "tests.deploy.urls_with_unguarded_api_docs"


def test_our_api_passes_with_its_docs_turned_off(production):
    assert production.API_DOCS_PUBLIC is False
    assert api.docs_decorator is docs_guard
    assert check_api_docs(None) == []


def test_an_api_whose_docs_are_not_guarded_fails_when_they_are_off(production):
    production.ROOT_URLCONF = UNGUARDED_URLCONF

    errors = check_api_docs(None)

    assert ids(errors) == ["creneau.E050", "creneau.E050"]
    assert {re.search(r"(/\S+) serves", error.msg).group(1) for error in errors} == {
        "/reports/api/openapi.json",
        "/reports/api/docs",
    }


def test_public_docs_are_allowed_when_the_operator_publishes_them(production):
    production.ROOT_URLCONF = UNGUARDED_URLCONF
    production.API_DOCS_PUBLIC = True

    assert check_api_docs(None) == []


def test_allauths_own_specification_fails_when_docs_are_off(production):
    production.HEADLESS_SERVE_SPECIFICATION = True

    assert ids(check_api_docs(None)) == ["creneau.E051"]
