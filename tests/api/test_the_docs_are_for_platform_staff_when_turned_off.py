"""API_DOCS_PUBLIC off (the production default): the OpenAPI document and the docs page are for
platform staff; anyone else gets the API's "not found" problem, as for an unknown address."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

DOCS = ["/api/v1/openapi.json", "/api/v1/docs"]


@pytest.fixture
def docs_off(settings):
    settings.API_DOCS_PUBLIC = False


@pytest.mark.parametrize("path", DOCS)
def test_anyone_reads_them_when_they_are_public(client, settings, path):
    settings.API_DOCS_PUBLIC = True

    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", DOCS)
def test_an_anonymous_visitor_gets_not_found(client, docs_off, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("path", DOCS)
def test_a_customer_gets_not_found(client, docs_off, customer, path):
    client.force_login(customer)

    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", DOCS)
def test_platform_staff_read_them_privately(client, docs_off, make_user, path):
    staff = make_user("equipe@creneau.example", is_staff=True)
    client.force_login(staff)

    response = client.get(path)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_the_problem_pages_stay_public(client, docs_off):
    assert client.get("/api/v1/problems/not-found").status_code == 200
