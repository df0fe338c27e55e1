"""The OpenAPI 3 document at /api/v1/openapi.json and the interactive docs at /api/v1/docs."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(anonymous):
    response = anonymous.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_it_is_an_openapi_3_document_of_every_resource(document):
    assert document["openapi"].startswith("3.")
    paths = set(document["paths"])
    assert {
        "/api/v1/salons",
        "/api/v1/salons/{slug}",
        "/api/v1/salons/{slug}/availability",
        "/api/v1/bookings",
        "/api/v1/bookings/{reference}",
        "/api/v1/bookings/{reference}/cancel",
        "/api/v1/bookings/{reference}/reschedule",
        "/api/v1/bookings/{reference}/calendar.ics",
        "/api/v1/me",
        "/api/v1/me/consents",
        "/api/v1/me/data",
        "/api/v1/me/data/archives",
        "/api/v1/me/data/archives/{token}/archive.zip",
        "/api/v1/me/access-log",
        "/api/v1/me/delete",
    } <= paths
    assert not any("problems" in path for path in paths)


def test_error_answers_are_documented_as_problem_json(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if int(status) >= 400:
                    assert list(answer["content"]) == ["application/problem+json"], (
                        method,
                        path,
                        status,
                    )


def test_the_interactive_docs_load_their_files_from_this_site(anonymous):
    response = anonymous.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html


def test_my_endpoints_ask_for_the_session_token_or_the_session_cookie(document):
    schemes = document["components"]["securitySchemes"]
    assert schemes["SessionTokenAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-Session-Token",
    }
    assert schemes["SessionCookieAuth"]["in"] == "cookie"
    for path, operations in document["paths"].items():
        for operation in operations.values():
            mine = path.startswith(("/api/v1/bookings", "/api/v1/me"))
            assert bool(operation.get("security")) == mine, path
