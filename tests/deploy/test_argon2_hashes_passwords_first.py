"""creneau.E020-E021: Argon2 is the first of PASSWORD_HASHERS (the one new hashes use), and its
library loads."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher

from creneau.checks import check_password_hashers
from tests.deploy.conftest import ids


class Argon2WithoutItsLibrary(Argon2PasswordHasher):
    """An Argon2 hasher whose library is not installed, as on a server that missed a package."""

    library = "argon2_library_that_is_not_installed"


def test_our_hashers_pass(production):
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert check_password_hashers(None) == []


def test_another_hasher_first_fails(production):
    production.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]

    errors = check_password_hashers(None)

    assert ids(errors) == ["creneau.E020"]
    assert "PBKDF2PasswordHasher" in errors[0].msg


def test_the_cheap_test_hasher_fails(settings):
    # The suite's own fast hasher (tests/conftest.py) must never reach production.
    assert ids(check_password_hashers(None)) == ["creneau.E020"]


def test_no_hasher_at_all_fails(production):
    production.PASSWORD_HASHERS = []

    assert ids(check_password_hashers(None)) == ["creneau.E020"]


def test_argon2_without_its_library_fails(production):
    production.PASSWORD_HASHERS = [
        f"{__name__}.Argon2WithoutItsLibrary",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]

    assert ids(check_password_hashers(None)) == ["creneau.E021"]
