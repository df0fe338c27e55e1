"""Server errors are logged with their traceback, without personal data."""

from __future__ import annotations

import io
import logging
import re

import pytest

from creneau.logging import RedactPersonalDataFilter, redact


@pytest.fixture
def stderr_log():
    handler = logging.getLogger("django.request").handlers[0]
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


@pytest.mark.django_db
@pytest.mark.urls("tests.web.urls_errors")
def test_a_server_error_is_logged_with_its_traceback_and_no_personal_data(
    client, stderr_log, make_user
):
    user = make_user(
        "zoe.lefevre@example.org", first_name="Zoé", last_name="Lefèvre", phone="+33611223344"
    )
    client.force_login(user)
    client.raise_request_exception = False
    response = client.get("/explode/")
    assert response.status_code == 500
    logged = stderr_log.getvalue()
    assert "Internal Server Error: /explode/" in logged
    assert "Traceback" in logged and "RuntimeError" in logged
    for secret in ("zoe.lefevre@example.org", "Zoé", "Lefèvre", "+33611223344", "611223344"):
        assert secret not in logged


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("mail to jo.smith+x@example.co.uk failed", "jo.smith+x@example.co.uk"),
        ("user jo%40example.org", "jo%40example.org"),
        ("call +33 6 12 34 56 78 now", "+33 6 12 34 56 78"),
        ("call 06 12 34 56 78 now", "06 12 34 56 78"),
        ("call 0612345678 now", "0612345678"),
        ("sms to +447911123456", "+447911123456"),
    ],
)
def test_emails_and_phone_numbers_are_redacted_by_pattern(text, personal):
    cleaned = redact(text)
    assert "[redacted]" in cleaned
    assert not any(ch.isdigit() for ch in cleaned.split("[redacted]")[1][:1])
    # The whole value goes, not just a part of it, and the words around it stay.
    assert personal not in cleaned
    assert not re.search(r"\d{3}", cleaned)
    assert cleaned == text.replace(personal, "[redacted]")


def test_the_filter_never_drops_a_record():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello %s", ("a@b.fr",), None)
    assert RedactPersonalDataFilter().filter(record)
    assert record.getMessage() == "hello [redacted]"
