"""creneau.E001-E003: the session, CSRF and language cookies are `__Host-` cookies, Secure,
without a domain and on the path "/"."""

from __future__ import annotations

import pytest

from creneau.checks import check_host_cookies
from tests.deploy.conftest import ids


def test_production_cookies_pass(production):
    assert check_host_cookies(None) == []


@pytest.mark.parametrize("prefix", ["SESSION_COOKIE", "CSRF_COOKIE", "LANGUAGE_COOKIE"])
def test_a_cookie_without_the_prefix_fails(production, prefix):
    setattr(production, f"{prefix}_NAME", "plain")

    errors = check_host_cookies(None)

    assert ids(errors) == ["creneau.E001"]
    assert "'plain'" in errors[0].msg
    assert f"{prefix}_NAME" in errors[0].hint


@pytest.mark.parametrize("prefix", ["SESSION_COOKIE", "CSRF_COOKIE"])
def test_a_host_cookie_that_is_not_secure_fails(production, prefix):
    setattr(production, f"{prefix}_SECURE", False)

    assert ids(check_host_cookies(None)) == ["creneau.E002"]


@pytest.mark.parametrize(
    ("attribute", "value"), [("DOMAIN", ".creneau.example"), ("PATH", "/pro/")]
)
def test_a_host_cookie_with_a_domain_or_a_narrower_path_fails(production, attribute, value):
    setattr(production, f"SESSION_COOKIE_{attribute}", value)

    errors = check_host_cookies(None)

    assert ids(errors) == ["creneau.E003"]
    assert value in errors[0].msg


def test_the_csrf_cookie_is_not_required_when_the_token_lives_in_the_session(production):
    production.CSRF_USE_SESSIONS = True
    production.CSRF_COOKIE_NAME = "csrftoken"

    assert check_host_cookies(None) == []


def test_check_deploy_reports_the_id(production):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    production.SESSION_COOKIE_NAME = "sessionid"

    with pytest.raises(SystemCheckError, match=r"creneau\.E001"):
        call_command("check", "--deploy", "--tag", "creneau")
