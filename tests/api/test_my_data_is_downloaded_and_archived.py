"""GET /me/data (JSON now) and /me/data/archives (a zip prepared in the background)."""

from __future__ import annotations

import io
import json
import zipfile
from urllib.parse import urlsplit

import pytest

from creneau.bookings.services import booking_create
from tests.api.conftest import TUESDAY_10, assert_problem

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_all_my_data_comes_as_json_and_none_of_anyone_elses(
    as_customer, customer, other_customer, salon, frozen
):
    booking_create(
        customer=customer, business=salon, services=[salon.test_services["cut"]], start=TUESDAY_10
    )
    response = as_customer.get("/api/v1/me/data")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    text = response.content.decode()
    data = json.loads(text)
    assert isinstance(data, dict) and data
    assert customer.email in text
    assert "Coupe" in text
    assert other_customer.email not in text


def test_an_archive_is_prepared_then_downloaded_as_a_zip(
    as_customer, customer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asked = as_customer.post_json("/api/v1/me/data/archives")
    assert asked.status_code == 202, asked.content

    (archive,) = as_customer.get("/api/v1/me/data/archives").json()
    assert archive["status"] == "ready"
    assert archive["id"] == asked.json()["id"]
    download = as_customer.get(urlsplit(archive["download_url"]).path)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    content = b"".join(download.streaming_content)
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert "data.json" in names


def test_a_pending_archive_has_no_download_address_yet(as_customer):
    body = as_customer.post_json("/api/v1/me/data/archives").json()
    assert body["status"] == "pending"
    assert body["download_url"] is None


def test_someone_elses_archive_is_not_found(
    as_customer, as_other_customer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        as_other_customer.post_json("/api/v1/me/data/archives")
    (theirs,) = as_other_customer.get("/api/v1/me/data/archives").json()
    path = urlsplit(theirs["download_url"]).path
    assert as_other_customer.get(path).status_code == 200
    assert_problem(as_customer.get(path), 404, "not-found")
    assert as_customer.get("/api/v1/me/data/archives").json() == []
    assert_problem(as_customer.get("/api/v1/me/data/archives/forged/archive.zip"), 404, "not-found")


def test_without_a_session_my_data_is_closed(anonymous):
    assert_problem(anonymous.get("/api/v1/me/data"), 401, "not-authenticated")
    assert_problem(anonymous.post_json("/api/v1/me/data/archives"), 401, "not-authenticated")
    assert_problem(anonymous.get("/api/v1/me/data/archives"), 401, "not-authenticated")
