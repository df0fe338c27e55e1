"""API fixtures: a frozen clock on a Monday morning, customers logged in through allauth's
headless API (real session tokens), and rate limits off unless a test turns them on."""

from __future__ import annotations

import json
from datetime import UTC

import pytest
import time_machine
from django.test import Client

from tests.conftest import PASSWORD, paris

# Monday 7 December 2026, 08:00 in Paris; the salon fixture works Monday to Saturday.
NOW = paris(2026, 12, 7, 8).astimezone(UTC)
TUESDAY_10 = paris(2026, 12, 8, 10)
LOGIN_URL = "/_allauth/app/v1/auth/login"


@pytest.fixture(autouse=True)
def _api_rate_limits_off(settings):
    settings.API_RATE_LIMITS = {}


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


class ApiClient(Client):
    """A test client that speaks JSON and can carry a session token."""

    def __init__(self, token: str | None = None, **defaults: object) -> None:
        super().__init__(**defaults)
        self.token = token

    def generic(
        self,
        method,
        path,
        data="",
        content_type="application/octet-stream",
        secure=False,
        *,
        headers=None,
        **extra,
    ):  # type: ignore[override]
        merged = dict(headers or {})
        if self.token:
            merged.setdefault("X-Session-Token", self.token)
        return super().generic(method, path, data, content_type, secure, headers=merged, **extra)

    def send(self, method: str, path: str, body: object = None, *, headers=None, **extra):
        call = getattr(super(), method.lower())
        payload = json.dumps(body) if body is not None else ""
        return call(
            path,
            payload,
            content_type="application/json",
            headers=headers,
            **extra,
        )

    def post_json(self, path: str, body: object = None, **kwargs):
        return self.send("post", path, body, **kwargs)

    def patch_json(self, path: str, body: object = None, **kwargs):
        return self.send("patch", path, body, **kwargs)

    def put_json(self, path: str, body: object = None, **kwargs):
        return self.send("put", path, body, **kwargs)


def session_token(email: str, password: str = PASSWORD) -> str:
    """Log in as the app does and return the session token it would keep."""
    response = ApiClient().post_json(LOGIN_URL, {"email": email, "password": password})
    assert response.status_code == 200, response.content
    return response.json()["meta"]["session_token"]


@pytest.fixture
def anonymous() -> ApiClient:
    return ApiClient()


@pytest.fixture
def as_customer(customer) -> ApiClient:
    return ApiClient(session_token(customer.email))


@pytest.fixture
def as_other_customer(other_customer) -> ApiClient:
    return ApiClient(session_token(other_customer.email))


def assert_problem(response, status: int, slug: str) -> dict:
    """The answer is an RFC 9457 problem of this type; returns its body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json", response["Content-Type"]
    body = response.json()
    assert body["type"].endswith(f"/api/v1/problems/{slug}"), body
    assert body["status"] == status
    assert body["code"] == slug.replace("-", "_")
    assert body["title"] and body["detail"]
    assert body["instance"] == response.wsgi_request.path
    return body
