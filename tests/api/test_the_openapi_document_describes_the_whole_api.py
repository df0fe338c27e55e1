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
