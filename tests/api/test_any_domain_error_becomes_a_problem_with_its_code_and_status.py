"""The API maps every DomainError in one handler: a known code keeps its documented problem
type, any other subclass (of any app) answers with its own code and status."""

from __future__ import annotations

import json

from django.test import RequestFactory

from creneau.api.api import api
from creneau.bookings.errors import SlotTaken
from creneau.catalog.permissions import NotAllowed
from creneau.errors import DomainError


class ShelfFull(DomainError):
    code = "shelf_full"
    status = 409
    default_message = "The shelf is full."


def _answer(error: Exception) -> tuple[int, dict]:
    request = RequestFactory().get("/api/v1/anything")
    response = api.on_exception(request, error)
    assert response["Content-Type"] == "application/problem+json"
    return response.status_code, json.loads(response.content)


def test_a_domain_error_of_unknown_code_answers_with_its_own_code_and_status():
    status, body = _answer(ShelfFull())
    assert status == 409
    assert body["status"] == 409
    assert body["code"] == "shelf_full"
    assert body["type"].endswith("/api/v1/problems/shelf-full")
    assert body["detail"] == "The shelf is full."


def test_a_known_code_keeps_its_documented_problem_type():
    status, body = _answer(SlotTaken())
    assert (status, body["code"]) == (409, "slot_taken")
    status, body = _answer(NotAllowed())
    assert (status, body["code"]) == (403, "forbidden")
