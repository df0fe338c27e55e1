"""Every error of the API is an RFC 9457 problem with a stable type, even the unexpected ones."""

from __future__ import annotations

import logging

import pytest
from django.db import connection

from creneau.api.problems import PROBLEM_TYPES
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db


def test_each_problem_type_is_a_page_a_person_can_read(anonymous, settings):
    for slug, problem in PROBLEM_TYPES.items():
        assert problem.uri == f"{settings.SITE_URL}/api/v1/problems/{slug}"
        page = anonymous.get(f"/api/v1/problems/{slug}")
        assert page.status_code == 200
        assert page["Content-Type"].startswith("text/html")
        assert str(problem.title).encode() in page.content or problem.status == 500


def test_an_unknown_problem_page_is_not_found(anonymous):
    assert_problem(anonymous.get("/api/v1/problems/no-such-thing"), 404, "not-found")


def test_an_unexpected_error_is_a_server_error_problem_without_its_traceback(
    anonymous, salon, settings, caplog
):
    settings.DEBUG = True  # even then, the client sees no traceback
    # A broken database, for real: the table the salon page reads last is gone (the test's
    # transaction puts it back).
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE catalog_closure")

    with caplog.at_level(logging.ERROR, logger="creneau.api"):
        response = anonymous.get("/api/v1/salons/salon-test")

    body = assert_problem(response, 500, "server-error")
    assert "Traceback" not in response.content.decode()
    assert "catalog_closure" not in response.content.decode()
    assert body["detail"] == str(PROBLEM_TYPES["server-error"].title)
    assert any(record.exc_info for record in caplog.records if record.name == "creneau.api")


def test_an_unknown_path_under_the_api_is_a_not_found_problem(anonymous):
    assert_problem(anonymous.get("/api/v1/no-such-resource"), 404, "not-found")
    assert_problem(anonymous.post("/api/v1/salons/a/b/c"), 404, "not-found")
