"""A body over the size limit is refused as such: 413 with a problem document, not 500."""

from __future__ import annotations

import json

import pytest

from tests.api.conftest import ApiClient, session_token

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/bookings", "/api/v1/me/delete"])
def test_an_oversized_body_is_a_413_problem(customer, settings, path):
    client = ApiClient(session_token(customer.email))
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"x": "x" * 5000})
    response = client.post(path, body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "request_too_large"
