"""creneau.E010-E011: a Content-Security-Policy is enforced and no directive relaxes it with an
`unsafe-*` source."""

from __future__ import annotations

import copy

import pytest
from csp.constants import NONCE, SELF, UNSAFE_EVAL, UNSAFE_HASHES, UNSAFE_INLINE

import creneau.settings as project_settings
from creneau.checks import check_content_security_policy
from tests.deploy.conftest import ids


def policy_with(directive: str, *sources: object) -> dict:
    policy = copy.deepcopy(project_settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"][directive] = [*policy["DIRECTIVES"].get(directive, []), *sources]
    return policy


def test_our_policy_passes(production):
    assert production.CONTENT_SECURITY_POLICY == project_settings.CONTENT_SECURITY_POLICY
    assert check_content_security_policy(None) == []


@pytest.mark.parametrize(
    ("directive", "source"),
    [
        ("script-src", UNSAFE_INLINE),
        ("script-src", UNSAFE_EVAL),
        ("style-src", UNSAFE_INLINE),
        ("script-src", UNSAFE_HASHES),
        ("worker-src", "'wasm-unsafe-eval'"),
        ("img-src", "'UNSAFE-INLINE'"),
    ],
)
def test_an_unsafe_source_in_any_directive_fails(production, directive, source):
    production.CONTENT_SECURITY_POLICY = policy_with(directive, source)

    errors = check_content_security_policy(None)

    assert ids(errors) == ["creneau.E010"]
    assert directive in errors[0].msg
    assert source in errors[0].msg


def test_an_unsafe_source_written_as_one_string_fails(production):
    production.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {"default-src": [SELF], "script-src": f"{SELF} {UNSAFE_INLINE}"}
    }

    assert ids(check_content_security_policy(None)) == ["creneau.E010"]


def test_the_nonce_and_boolean_directives_are_not_mistaken_for_sources(production):
    production.CONTENT_SECURITY_POLICY = policy_with("upgrade-insecure-requests", True)
    production.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] = [SELF, NONCE]

    assert check_content_security_policy(None) == []


def test_an_unsafe_source_in_the_report_only_policy_fails_too(production):
    production.CONTENT_SECURITY_POLICY_REPORT_ONLY = policy_with("script-src", UNSAFE_EVAL)

    errors = check_content_security_policy(None)

    assert ids(errors) == ["creneau.E010"]
    assert "CONTENT_SECURITY_POLICY_REPORT_ONLY" in errors[0].msg


def test_no_enforced_policy_fails(production):
    production.CONTENT_SECURITY_POLICY = None

    assert ids(check_content_security_policy(None)) == ["creneau.E011"]


def test_a_policy_without_its_middleware_fails(production):
    production.MIDDLEWARE = [m for m in production.MIDDLEWARE if "CSPMiddleware" not in m]

    assert ids(check_content_security_policy(None)) == ["creneau.E011"]
