"""Every field of every installed model is declared personal or not personal."""

from __future__ import annotations

from django.db import models

from creneau.privacy.registry import NOT_PERSONAL, Registry, personal, registry


class Pet(models.Model):
    """A model of a test-only app (never installed, never migrated)."""

    name = models.CharField(max_length=50)
    owner_phone = models.CharField(max_length=20)

    class Meta:
        app_label = "registry_test_only"

    def __str__(self) -> str:
        return self.name


def test_every_field_of_every_installed_model_is_declared():
    assert registry.undeclared_fields() == []


def test_no_declaration_names_a_field_that_does_not_exist():
    assert registry.stale_declarations() == []


def test_a_new_undeclared_field_is_reported():
    fresh = Registry()
    fresh.register("registry_test_only.Pet", {"id": NOT_PERSONAL, "name": NOT_PERSONAL})

    assert fresh.undeclared_fields([Pet]) == ["registry_test_only.pet.owner_phone"]


def test_the_same_check_passes_once_the_field_is_declared():
    fresh = Registry()
    fresh.register(
        "registry_test_only.Pet",
        {
            "id": NOT_PERSONAL,
            "name": NOT_PERSONAL,
            "owner_phone": personal(
                category="contact",
                purpose="call the owner",
                basis="contract",
                retention="while the account exists",
                on_erasure="delete",
            ),
        },
    )

    assert fresh.undeclared_fields([Pet]) == []
