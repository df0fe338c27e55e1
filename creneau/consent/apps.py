from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_ledger_guard(using: str = "default", **kwargs: object) -> None:
    from django.db import connections

    from creneau.consent.ledger import ensure_ledger_guard

    ensure_ledger_guard(connections[using])


class ConsentConfig(AppConfig):
    name = "creneau.consent"
    label = "consent"

    def ready(self) -> None:
        # Schema upkeep, not business logic: SQLite drops triggers when a migration rebuilds
        # the table, so the ledger's append-only guard is put back after every migrate.
        post_migrate.connect(_ensure_ledger_guard, sender=self)

        # Marketing templates pass only through our gate (opt-in, suppression, unsubscribe).
        from creneau.consent.marketing import marketing_gate_register

        marketing_gate_register()
